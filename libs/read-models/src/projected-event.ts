import {
  parseCustomerEvent,
  parseLocationEvent,
  type CustomerEvent,
  type LocationEvent,
} from '@ledgerline/domain';
import { CATEGORIES, parseStreamName, type EventMetadata, type Position, type StoredEvent } from '@ledgerline/event-store';

/** Where an event sits in the log and who wrote it: the same for every kind of event. */
export interface EventEnvelope {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Position;
  /** When the server stored it. Projections use the event's own `occurredAt` for business time. */
  readonly recordedAt: Date;
  readonly metadata: EventMetadata;
}

export type ProjectedCustomerEvent = EventEnvelope & CustomerEvent & { readonly customerId: string };
export type ProjectedLocationEvent = EventEnvelope & LocationEvent & { readonly locationId: string };

/** A stored event, upcast to its current version and validated: what a projection handles. Narrow it on `type`. */
export type ProjectedEvent = ProjectedCustomerEvent | ProjectedLocationEvent;

/** Upcasts and validates a stored event; throws (EventParseError, TypeError) when it cannot, which parks it. */
export function toProjectedEvent(stored: StoredEvent): ProjectedEvent {
  const envelope: EventEnvelope = {
    eventId: stored.id,
    streamId: stored.streamId,
    revision: stored.revision,
    position: stored.position,
    recordedAt: stored.created,
    metadata: stored.metadata,
  };
  const { category, id } = parseStreamName(stored.streamId);
  const version = stored.metadata.schemaVersion;
  if (category === CATEGORIES.customer) return { ...envelope, ...parseCustomerEvent(stored.type, stored.data, version), customerId: id };
  if (category === CATEGORIES.location) return { ...envelope, ...parseLocationEvent(stored.type, stored.data, version), locationId: id };
  throw new TypeError(`no projection reads the stream category "${category}"`);
}
