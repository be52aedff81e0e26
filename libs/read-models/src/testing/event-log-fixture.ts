import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS, type CustomerEvent, type LocationEvent } from '@ledgerline/domain';
import type { StoredEvent } from '@ledgerline/event-store';

/**
 * Builds StoredEvents as the log would hand them to a projection: increasing positions, stream
 * revisions, the current schema version. For projection specs that need no event store.
 */
export class EventLogFixture {
  private commit = 0n;
  private readonly revisions = new Map<string, bigint>();
  readonly events: StoredEvent[] = [];

  customer(customerId: string, ...events: CustomerEvent[]): StoredEvent[] {
    return events.map((event) => this.record(`customer-${customerId}`, event.type, event.data));
  }

  location(locationId: string, ...events: LocationEvent[]): StoredEvent[] {
    return events.map((event) => this.record(`location-${locationId}`, event.type, event.data));
  }

  /** Any event, even one no schema accepts (to test dead letters). */
  record(streamId: string, type: string, data: unknown, schemaVersion = (EVENT_SCHEMA_VERSIONS as Record<string, number>)[type] ?? 1): StoredEvent {
    const revision = this.revisions.get(streamId) ?? 0n;
    this.revisions.set(streamId, revision + 1n);
    this.commit += 100n;
    const occurredAt = (data as { occurredAt?: unknown } | null)?.occurredAt;
    const event: StoredEvent = {
      streamId,
      revision,
      position: { commit: this.commit, prepare: this.commit },
      id: randomUUID(),
      type,
      data,
      metadata: { correlationId: 'fixture', causationId: 'fixture', actor: 'service:fixture', source: 'fixture', schemaVersion },
      created: typeof occurredAt === 'string' ? new Date(occurredAt) : new Date(Number(this.commit)),
    };
    this.events.push(event);
    return event;
  }
}
