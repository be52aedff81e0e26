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
  /** How long a batch may wait to fill up while catching up (default LINGER_MS); never once caught up. */
  readonly lingerMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * The most events a batch holds unless the caller says otherwise: one transaction per batch and build.
 * A rebuild of the benchmark's 1,000,000-event log took 43.7-45.8 s with 2,000 against 48.1-52.6 s
 * with 1,000 (fewer commits, savepoints, checkpoints and statements), with peak RSS 413 MiB at the
 * projector's 32 MiB semi-spaces (apps/projector/README.md). While the log is quiet, batches stay small
 * whatever this is.
 */
export const DEFAULT_MAX_BATCH_SIZE = 2000;

/**
 * Long enough for a reader that keeps up to fill a batch (2,000 events at 40,000 a second), short
 * enough not to matter much to a server that never says it has caught up (older EventStoreDB versions
 * send no caught-up message): with one, every batch would wait this long.
 */
export const LINGER_MS = 50;

const RECEIVE_SLICE = 64;

/** A checkpoint the server vouched for between events. Events are queued as they are, without a wrapper each. */
class SkippedTo {
  constructor(readonly position: Position) {}
}

/**
 * Cuts a filtered $all subscription into batches: as many events as have arrived, up to maxBatchSize,
 * so batches grow under load (fewer transactions) and stay small when quiet (low latency). While the
 * subscription catches up (a rebuild, or a restart after downtime) the log already holds the events, so
 * a batch waits to be full, for at most `lingerMs`, while the caller applies the one before. Taking
 * only what the reader had managed meanwhile, the bench's year of 1,000,000 events came in 1,275
 * batches (1,042 now), and every counter row a batch touches is rewritten once per batch. Reading
 * runs ahead of applying by at most a few batches. Ends when the signal aborts; throws what the
 * subscription throws.
 */
export async function* eventBatches(client: EventStoreClient, options: EventBatchOptions): AsyncGenerator<EventBatch, void, undefined> {
  const queue: (StoredEvent | SkippedTo)[] = [];
  let failure: unknown;
  let ended = false;
  let wakeConsumer = () => {};
  let wakeProducer = () => {};
  // How many queued events wake the consumer: one when it waits for anything, a batch when it lingers.
  let wanted = 1;
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
        if (queue.length >= wanted) wakeConsumer();
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

  const lingerMs = options.lingerMs ?? LINGER_MS;
  const live = () => caughtUp && subscription.isCaughtUp;
  /** Waits until a batch is queued, the subscription catches up, ends or fails, or lingerMs pass. */
  const lingerForFullBatch = async () => {
    const deadline = Date.now() + lingerMs;
    wanted = options.maxBatchSize;
    while (queue.length < options.maxBatchSize && !live() && !ended && failure === undefined && !options.signal?.aborted) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
    }
    wanted = 1;
  };
  let reportedCaughtUp = false;
  try {
    for (;;) {
      if (queue.length === 0) {
        if (failure !== undefined) throw failure;
        if (ended || options.signal?.aborted) return;
        if (live() && !reportedCaughtUp) {
          reportedCaughtUp = true;
          yield { events: [], to: null, caughtUp: true };
          continue;
        }
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
        continue;
      }
      if (queue.length < options.maxBatchSize && !live()) await lingerForFullBatch();
      const items = queue.splice(0, options.maxBatchSize);
      wakeProducer();
      const events: StoredEvent[] = [];
      let to: Position | null = null;
      for (const item of items) {
        if (!(item instanceof SkippedTo)) events.push(item);
        to = item.position;
      }
      const nowCaughtUp = queue.length === 0 && live();
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
