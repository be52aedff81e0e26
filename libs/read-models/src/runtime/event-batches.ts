import { subscribeToAllFrom, type EventStoreClient, type Position, type StoredEvent } from '@ledgerline/event-store';
import type { Checkpoint } from './checkpoint';

/** Events read from the log, ready to apply, and the checkpoint a build may store once it has applied them. */
export interface EventBatch {
  readonly events: StoredEvent[];
  /** The last event's position, or a later one the server vouched for while it skipped unselected events. */
  readonly to: Position | null;
  /** Nothing more was in the log when this batch was cut. */
  readonly caughtUp: boolean;
}

export interface EventBatchOptions {
  readonly from: Checkpoint;
  readonly streamPrefixes: readonly string[];
  readonly maxBatchSize: number;
  readonly signal?: AbortSignal;
}

const RECEIVE_SLICE = 64;

/** A checkpoint the server vouched for between events. Events are queued as they are, without a wrapper each. */
class SkippedTo {
  constructor(readonly position: Position) {}
}

/**
 * Cuts a filtered $all subscription into batches: as many events as have arrived, up to maxBatchSize,
 * so batches grow under load (fewer transactions) and stay small when quiet (low latency). Reading
 * runs ahead of applying by at most a few batches. Ends when the signal aborts; throws what the
 * subscription throws.
 */
export async function* eventBatches(client: EventStoreClient, options: EventBatchOptions): AsyncGenerator<EventBatch, void, undefined> {
  const queue: (StoredEvent | SkippedTo)[] = [];
  let failure: unknown;
  let ended = false;
  let wakeConsumer = () => {};
  let wakeProducer = () => {};
  const subscription = subscribeToAllFrom(client, {
    fromPosition: options.from ?? 'start',
    streamPrefixes: options.streamPrefixes,
    onCheckpoint: (checkpoint) => {
      queue.push(new SkippedTo(checkpoint));
      wakeConsumer();
    },
  });
  const onAbort = () => void subscription.stop();
  options.signal?.addEventListener('abort', onAbort);
  let caughtUp = false;
  subscription.caughtUp.then(
    () => ((caughtUp = true), wakeConsumer()),
    () => {},
  );

  const pump = (async () => {
    try {
      let sinceYield = 0;
      for await (const event of subscription) {
        queue.push(event);
        wakeConsumer();
        // Received events arrive in bursts handled in one go; in slices, the batch being applied
        // meanwhile gets each reply from PostgreSQL at once, not after the burst.
        if (++sinceYield === RECEIVE_SLICE) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        while (queue.length >= options.maxBatchSize * 4) await new Promise<void>((resolve) => (wakeProducer = resolve));
      }
    } catch (error) {
      failure = error;
    } finally {
      ended = true;
      wakeConsumer();
    }
  })();

  let reportedCaughtUp = false;
  try {
    for (;;) {
      if (queue.length === 0) {
        if (failure !== undefined) throw failure;
        if (ended || options.signal?.aborted) return;
        if (caughtUp && subscription.isCaughtUp && !reportedCaughtUp) {
          reportedCaughtUp = true;
          yield { events: [], to: null, caughtUp: true };
          continue;
        }
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
        continue;
      }
      const items = queue.splice(0, options.maxBatchSize);
      wakeProducer();
      const events: StoredEvent[] = [];
      let to: Position | null = null;
      for (const item of items) {
        if (!(item instanceof SkippedTo)) events.push(item);
        to = item.position;
      }
      const nowCaughtUp = queue.length === 0 && caughtUp && subscription.isCaughtUp;
      reportedCaughtUp = nowCaughtUp;
      yield { events, to, caughtUp: nowCaughtUp };
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await subscription.stop();
    wakeProducer();
    await pump;
  }
}
