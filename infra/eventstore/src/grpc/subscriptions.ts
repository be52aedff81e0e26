import { randomUUID } from 'node:crypto';
import type { EventStore } from '../storage/event-store';
import { LOG_START } from '../storage/log-file';
import type { EventFilter } from './event-filter';
import type { HeadWatch } from './head-watch';
import {
  encodeCaughtUpResp,
  encodeCheckpointResp,
  encodeConfirmationResp,
  encodeEventResp,
  UuidForm,
} from './read-resp-encoder';
import type { ResponseSink } from './response-sink';
import { invalidPosition, streamDeleted } from './rpc-errors';

/**
 * A catch-up subscription to one stream: events after `from` (exclusive), history first, then live.
 * History and live are one cursor over the durable log, so nothing is lost or repeated at the switch.
 */
export async function subscribeToStream(
  store: EventStore,
  headWatch: HeadWatch,
  sink: ResponseSink,
  stream: string,
  from: number | 'start' | 'end',
  uuidForm: UuidForm,
): Promise<void> {
  await sink.send(encodeConfirmationResp(randomUUID()));
  let after = from === 'start' ? -1 : from === 'end' ? store.lastVisibleRevision(stream) : from;
  let caughtUp = false;
  while (!sink.cancelled) {
    const observedHead = store.head;
    const window = store.streamWindow(stream);
    if (window === 'deleted') {
      // Live, the hard delete reaches the subscriber as the $streamDeleted event, then the error
      // (EventStoreDB's Enumerator.StreamSubscription); during catch-up, only the error.
      const tombstone = caughtUp ? store.tombstoneOf(stream) : undefined;
      if (tombstone) await sink.send(encodeEventResp(tombstone, uuidForm, true));
      throw streamDeleted(stream);
    }
    if (window !== 'not-found') {
      for (const record of store.streamRecords(stream, window, after + 1, 'forwards', Number.MAX_SAFE_INTEGER)) {
        if (sink.cancelled) return;
        await sink.send(encodeEventResp(record, uuidForm, true));
        after = record.revision;
      }
      after = Math.max(after, window.last);
    }
    if (!caughtUp) {
      caughtUp = true;
      await sink.send(encodeCaughtUpResp());
    }
    await headWatch.waitBeyond(observedHead, (listener) => sink.onCancel(listener));
  }
}

/**
 * A catch-up subscription to `$all`, optionally filtered: events after `from` (exclusive).
 * A filtered subscription also reports checkpoints: every `checkpointInterval` events considered,
 * and when it catches up, so a consumer can save progress through long runs of filtered-out events.
 */
export async function subscribeToAll(
  store: EventStore,
  headWatch: HeadWatch,
  sink: ResponseSink,
  from: AllFrom,
  filter: EventFilter | undefined,
  uuidForm: UuidForm,
): Promise<void> {
  const start = startOf(store, from);
  await sink.send(encodeConfirmationResp(randomUUID()));
  let cursor = start.cursor;
  let lastConsidered = start.checkpoint;
  let considered = 0;
  let caughtUp = false;
  while (!sink.cancelled) {
    const observedHead = store.head;
    for (const record of store.readAllForwards(cursor, observedHead)) {
      if (sink.cancelled) return;
      cursor = record.position + record.size;
      if (record.position <= start.skipUpTo) continue;
      lastConsidered = record.position;
      if (!filter) {
        await sink.send(encodeEventResp(record, uuidForm, true));
        continue;
      }
      if (filter.matches(record)) await sink.send(encodeEventResp(record, uuidForm, true));
      if (++considered % filter.checkpointInterval === 0) await sink.send(encodeCheckpointResp(record.position));
    }
    if (!caughtUp) {
      caughtUp = true;
      if (filter && lastConsidered !== null) await sink.send(encodeCheckpointResp(lastConsidered));
      await sink.send(encodeCaughtUpResp());
    }
    await headWatch.waitBeyond(observedHead, (listener) => sink.onCancel(listener));
  }
}

/** Where a `$all` read or subscription starts: the log's start or end, or a position a client got from us. */
export type AllFrom = 'start' | 'end' | number;

/** Where a `$all` subscription starts reading, what it skips, and its first checkpoint. */
function startOf(store: EventStore, from: AllFrom) {
  const head = store.head;
  if (from === 'end') return { cursor: head, skipUpTo: -1, checkpoint: store.lastPositionBefore(head) };
  if (from === 'start') return { cursor: LOG_START, skipUpTo: -1, checkpoint: null };
  if (from < LOG_START) return { cursor: LOG_START, skipUpTo: -1, checkpoint: null };
  if (from >= head) return { cursor: head, skipUpTo: from, checkpoint: from };
  if (!store.isRecordBoundary(from)) throw invalidPosition();
  return { cursor: from, skipUpTo: from, checkpoint: from };
}
