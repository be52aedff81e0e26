import type { Kysely } from 'kysely';
import { categoryPrefix, CATEGORIES, type EventStoreClient } from '@ledgerline/event-store';
import { applyBatch, type BuildTarget } from './apply-batch';
import { earliest } from './checkpoint';
import { eventBatches, type EventBatch } from './event-batches';
import type { RuntimeDatabase } from './runtime-schema';

/** Every projection reads the customer and location streams. */
export const PROJECTED_STREAM_PREFIXES = [categoryPrefix(CATEGORIES.customer), categoryPrefix(CATEGORIES.location)];

export interface GroupOptions {
  readonly db: Kysely<RuntimeDatabase>;
  readonly client: EventStoreClient;
  readonly maxBatchSize: number;
  readonly signal?: AbortSignal;
  /** Return once the log has nothing more (a rebuild); otherwise follow it live until the signal aborts. */
  readonly untilCaughtUp?: boolean;
  /** After each batch is committed, with the targets' new checkpoints. */
  readonly onBatch?: (batch: EventBatch, targets: readonly BuildTarget[]) => void | Promise<void>;
}

/**
 * Feeds builds from one reading of the log: it starts at the earliest of their checkpoints, and each
 * build skips what it already has. Each batch is applied to every build in one transaction, so a
 * crash leaves all of them where they were. Returns the targets with their final checkpoints.
 */
export async function runProjectionGroup(targets: readonly BuildTarget[], options: GroupOptions): Promise<BuildTarget[]> {
  let current = [...targets];
  if (current.length === 0) return current;
  const batches = eventBatches(options.client, {
    from: earliest(current.map((target) => target.build.checkpoint)),
    streamPrefixes: PROJECTED_STREAM_PREFIXES,
    maxBatchSize: options.maxBatchSize,
    signal: options.signal,
  });
  for await (const batch of batches) {
    const to = batch.to;
    if (to !== null) {
      current = await options.db.transaction().execute(async (tx) => {
        const next: BuildTarget[] = [];
        for (const target of current) next.push({ ...target, build: (await applyBatch(tx, target, batch.events, to)).build });
        return next;
      });
    }
    await options.onBatch?.(batch, current);
    if (options.untilCaughtUp && batch.caughtUp) break;
  }
  return current;
}
