import { randomUUID } from 'node:crypto';
import { jsonEvent, type JSONType } from '@eventstore/db-client';
import { EventStoreClient, nativeClient } from './client';
import { mapClientError } from './errors';
import { isUuid } from './event-ids';
import { EventMetadata, parseEventMetadata } from './metadata';
import type { Position } from './stored-event';

/**
 * The revision the caller decided on: the last revision it read, 'no_stream' for a new stream,
 * 'stream_exists', or 'any' (no concurrency check: only for streams with a single writer).
 */
export type ExpectedRevision = bigint | 'no_stream' | 'stream_exists' | 'any';

export interface NewEvent {
  /** A UUID; give a deterministic one (deterministicEventId) to make a retried append write nothing twice. */
  readonly id?: string;
  readonly type: string;
  /** Serialised as JSON. */
  readonly data: object;
  readonly metadata: EventMetadata;
}

export interface AppendResult {
  /** The stream's revision after the append: the expectedRevision of the next one. */
  readonly nextExpectedRevision: bigint;
  /** Where the append landed in $all. */
  readonly position: Position;
}

/**
 * Appends atomically, all events or none. Throws ConcurrencyConflictError when the stream is not
 * at `expectedRevision`, and StreamDeletedError when it was hard-deleted.
 */
export async function appendEvents(
  client: EventStoreClient,
  stream: string,
  events: readonly NewEvent[],
  { expectedRevision }: { expectedRevision: ExpectedRevision },
): Promise<AppendResult> {
  if (events.length === 0) throw new Error(`appendEvents: no events to append to ${stream}`);
  const data = events.map((event, index) => {
    if (event.id !== undefined && !isUuid(event.id)) throw new TypeError(`appendEvents: event ${index} has id "${event.id}", which is not a UUID`);
    return jsonEvent({
      id: event.id ?? randomUUID(),
      type: event.type,
      data: event.data as JSONType,
      metadata: parseEventMetadata(event.metadata),
    });
  });
  let result;
  try {
    result = await nativeClient(client).appendToStream(stream, data, { expectedRevision });
  } catch (error) {
    throw mapClientError(error, stream);
  }
  if (result.position === undefined) throw new Error(`appendEvents: the server reported no log position for ${stream}`);
  return {
    nextExpectedRevision: result.nextExpectedRevision,
    position: { commit: result.position.commit, prepare: result.position.prepare },
  };
}
