import { END, START, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { EventStoreClient, nativeClient } from './client';
import { mapClientError } from './errors';
import { abandon } from './read';
import type { Position } from './stored-event';
import { selects, type EventSelection } from './subscription-filter';

/** The last event of the whole log: where its head is, and when it was written. */
export interface LogHead {
  readonly position: Position;
  readonly recordedAt: Date;
}

/** The head of $all (system events included: they move it too), or null for an empty log. */
export async function readLogHead(client: EventStoreClient): Promise<LogHead | null> {
  try {
    let head: LogHead | null = null;
    // Read to the end (one event) rather than return from inside the loop: a gRPC stream left
    // unfinished would keep client.dispose() waiting for ever.
    for await (const resolved of nativeClient(client).readAll({ direction: 'backwards', fromPosition: END, maxCount: 1 }) as AsyncIterable<AllStreamResolvedEvent>) {
      const last = resolved.event;
      if (last?.position !== undefined) head = { position: { commit: last.position.commit, prepare: last.position.prepare }, recordedAt: last.created };
    }
    return head;
  } catch (error) {
    throw mapClientError(error, '$all');
  }
}

/**
 * How many selected events the log holds after `after` (exclusive), counting at most `limit` of them:
 * what a subscription at that checkpoint still has to handle. Reads at most `scanLimit` events.
 */
export async function countEventsAfter(
  client: EventStoreClient,
  after: Position | 'start',
  selection: EventSelection,
  { limit = 10_000, scanLimit = 100_000 }: { limit?: number; scanLimit?: number } = {},
): Promise<{ count: number; exact: boolean }> {
  let count = 0;
  let scanned = 0;
  const reading = nativeClient(client).readAll({ direction: 'forwards', fromPosition: after === 'start' ? START : after, maxCount: scanLimit });
  try {
    for await (const resolved of reading.iterator({ destroyOnReturn: false }) as AsyncIterable<AllStreamResolvedEvent>) {
      scanned++;
      const event = resolved.event;
      if (event === undefined || event.position === undefined) continue;
      // Reading from a position starts with the event at it, which the checkpoint's owner already has.
      if (after !== 'start' && event.position.commit === after.commit && event.position.prepare === after.prepare) continue;
      if (!selects(selection, event)) continue;
      if (++count >= limit) {
        await abandon(reading);
        return { count, exact: false };
      }
    }
  } catch (error) {
    throw mapClientError(error, '$all');
  }
  return { count, exact: scanned < scanLimit };
}
