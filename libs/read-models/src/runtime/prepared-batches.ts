import type { EventStoreClient, StoredEvent } from '@ledgerline/event-store';
import type { AnyProjection } from '../projection';
import { toProjectedEvent, type ProjectedEvent } from '../projected-event';
import { eventBatches, type EventBatch, type EventBatchOptions } from './event-batches';

/** Why a stored event has no projected form: it is parked with this error. */
export class Unparsable {
  constructor(readonly error: unknown) {}
}

export type ParsedForm = ProjectedEvent | Unparsable;

/** What can be worked out from a batch before its transaction, once for every build it feeds. */
export interface PreparedEvents {
  /** Index for index with the batch's events: each one upcast and validated, or why it could not be. */
  readonly parsed: readonly ParsedForm[];
  /** Each planning projection's plan (Projection.plan) of every event of the batch that parsed. */
  readonly plans: ReadonlyMap<AnyProjection, unknown>;
}

export interface PreparedBatch extends EventBatch, PreparedEvents {}

export const parseEvent = (stored: StoredEvent): ParsedForm => {
  try {
    return toProjectedEvent(stored);
  } catch (error) {
    return new Unparsable(error);
  }
};

/**
 * The batches of eventBatches, each parsed and planned for `projections`, read one batch ahead: batch
 * N+1 is received, parsed and planned while the caller's transaction for batch N runs in PostgreSQL.
 * Nothing ahead is written: the caller still applies batches one at a time, in order. When the caller
 * stops (break, throw), the batch read ahead is dropped and the subscription stops.
 */
export async function* preparedBatches(
  client: EventStoreClient,
  options: EventBatchOptions & { readonly projections: readonly AnyProjection[] },
): AsyncGenerator<PreparedBatch, void, undefined> {
  const reading = new AbortController();
  const signal = options.signal === undefined ? reading.signal : AbortSignal.any([options.signal, reading.signal]);
  const batches = eventBatches(client, { from: options.from, streamPrefixes: options.streamPrefixes, maxBatchSize: options.maxBatchSize, signal });
  const readNext = async (): Promise<PreparedBatch | undefined> => {
    const next = await batches.next();
    return next.done ? undefined : prepareBatch(next.value, options.projections);
  };
  let ahead = readNext();
  try {
    for (;;) {
      const batch = await ahead;
      if (batch === undefined) return;
      ahead = readNext();
      // Its failure surfaces when it is awaited, after the batch before it has been applied.
      ahead.catch(() => {});
      yield batch;
    }
  } finally {
    reading.abort();
    await ahead.catch(() => undefined);
    await batches.return();
  }
}

// Parsing runs beside the previous batch's transaction: in slices, so that each of that transaction's
// replies from PostgreSQL is answered with its next statement at once rather than after the whole batch.
const SLICE = 64;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

async function prepareBatch(batch: EventBatch, projections: readonly AnyProjection[]): Promise<PreparedBatch> {
  const parsed: ParsedForm[] = [];
  const projected: ProjectedEvent[] = [];
  for (const stored of batch.events) {
    if (parsed.length % SLICE === SLICE - 1) await yieldToIo();
    const form = parseEvent(stored);
    parsed.push(form);
    if (!(form instanceof Unparsable)) projected.push(form);
  }
  const plans = new Map<AnyProjection, unknown>();
  for (const projection of new Set(projections)) {
    if (projection.plan === undefined || projected.length === 0) continue;
    await yieldToIo();
    try {
      plans.set(projection, projection.plan(projected));
    } catch {
      // applyBatch plans again inside the build's savepoint, where the event that throws is found and parked.
    }
  }
  return { ...batch, parsed, plans };
}
