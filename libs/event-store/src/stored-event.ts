import type { RecordedEvent } from '@eventstore/db-client';
import { MalformedEventError } from './errors';
import { EventMetadata, parseEventMetadata } from './metadata';

/** A place in the global log ($all); store it as a subscription checkpoint. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** An event as read back from the log, free of client types. */
export interface StoredEvent {
  readonly streamId: string;
  /** 0-based number of the event in its stream. */
  readonly revision: bigint;
  readonly position: Position;
  /** UUID. */
  readonly id: string;
  readonly type: string;
  /** The parsed JSON data; the domain validates and upcasts it. */
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** When the server stored it. Business time belongs in the data. */
  readonly created: Date;
}

export function toStoredEvent(event: RecordedEvent): StoredEvent {
  if (event.position === undefined) {
    // Servers before 22.6 omit positions on stream reads; every server we support sends them.
    throw new MalformedEventError(event.streamId, event.revision, 'the server sent no log position');
  }
  let metadata: EventMetadata;
  try {
    metadata = parseEventMetadata(event.metadata);
  } catch (error) {
    throw new MalformedEventError(event.streamId, event.revision, (error as Error).message);
  }
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
    created: event.created,
  };
}
