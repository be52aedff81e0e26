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

const CUSTOMER_PREFIX = `${CATEGORIES.customer}-`;
const LOCATION_PREFIX = `${CATEGORIES.location}-`;

/** Upcasts and validates a stored event; throws (EventParseError, TypeError) when it cannot, which parks it. */
export function toProjectedEvent(stored: StoredEvent): ProjectedEvent {
  // Built as one literal of a fixed shape: no intermediate envelope or spread copies per event (a
  // rebuild makes millions), and every projected event shares one hidden class for the projections.
  const { streamId } = stored;
  const version = stored.metadata.schemaVersion;
  if (streamId.length > CUSTOMER_PREFIX.length && streamId.startsWith(CUSTOMER_PREFIX)) {
    const { type, data } = parseCustomerEvent(stored.type, stored.data, version);
    return {
      eventId: stored.id,
      streamId,
      revision: stored.revision,
      position: stored.position,
      recordedAt: stored.created,
      metadata: stored.metadata,
      type,
      data,
      customerId: streamId.slice(CUSTOMER_PREFIX.length),
    } as ProjectedCustomerEvent;
  }
  if (streamId.length > LOCATION_PREFIX.length && streamId.startsWith(LOCATION_PREFIX)) {
    const { type, data } = parseLocationEvent(stored.type, stored.data, version);
    return {
      eventId: stored.id,
      streamId,
      revision: stored.revision,
      position: stored.position,
      recordedAt: stored.created,
      metadata: stored.metadata,
      type,
      data,
      locationId: streamId.slice(LOCATION_PREFIX.length),
    } as ProjectedLocationEvent;
  }
  // Not a stream a projection reads: say why (a malformed name, or another category).
  const { category } = parseStreamName(streamId);
  throw new TypeError(`no projection reads the stream category "${category}"`);
}
