import { ErrorType, isCommandError, type ResolvedEvent, type StreamingRead } from '@eventstore/db-client';
import { EventStoreClient, nativeClient } from './client';
import { mapClientError } from './errors';
import { StoredEvent, toStoredEvent } from './stored-event';

export interface ReadStreamOptions {
  /** Default: 'start' reading forwards, 'end' reading backwards. Inclusive. */
  readonly fromRevision?: bigint | 'start' | 'end';
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number | bigint;
}

/**
 * The events of one stream, in order. A stream that does not exist (or was soft-deleted) yields
 * nothing; a hard-deleted one throws StreamDeletedError.
 */
export async function* readStreamEvents(
  client: EventStoreClient,
  stream: string,
  { direction = 'forwards', fromRevision = direction === 'forwards' ? 'start' : 'end', maxCount }: ReadStreamOptions = {},
): AsyncGenerator<StoredEvent, void, undefined> {
  const reading = nativeClient(client).readStream(stream, { direction, fromRevision, maxCount });
  let completed = false;
  try {
    // Not destroyed on an early exit: see the finally block.
    for await (const resolved of reading.iterator({ destroyOnReturn: false }) as AsyncIterable<ResolvedEvent>) {
      if (resolved.event !== undefined) yield toStoredEvent(resolved.event);
    }
    completed = true;
  } catch (error) {
    if (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND) return;
    throw mapClientError(error, stream);
  } finally {
    if (!completed) await abandon(reading);
  }
}

/**
 * Ends a read the caller left early (a break, or a malformed event). Cancelling alone is not enough:
 * when the server had already sent everything, the cancel is a no-op, and a gRPC stream left paused
 * with its end unread never finishes, so client.dispose() would wait for it forever. Draining it does.
 */
export async function abandon(reading: StreamingRead<ResolvedEvent>): Promise<void> {
  reading.on('error', () => {});
  reading.resume();
  await reading.cancel();
}
