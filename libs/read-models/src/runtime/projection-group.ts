import { sql, type Kysely, type Transaction } from 'kysely';
import { categoryPrefix, CATEGORIES, type EventStoreClient } from '@ledgerline/event-store';
import { applyBatch, ApplyFailedError, type BuildTarget } from './apply-batch';
import { earliest } from './checkpoint';
import type { EventBatch } from './event-batches';
import { preparedBatches } from './prepared-batches';
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
  /** Last in each batch's transaction, just before it commits; what it throws rolls the batch back and stops the group (see assertLeader). */
  readonly guard?: (tx: Transaction<RuntimeDatabase>) => Promise<void>;
  /**
   * Each build takes a batch in a transaction of its own, all of them at once on separate connections,
   * instead of every build in one transaction: PostgreSQL works on one build's statements while this
   * process prepares another's. Builds then move apart by up to a batch (and stay apart if one fails),
   * so this is for builds that nothing reads yet: a rebuild's, until they go live. Their batches commit
   * asynchronously (see applyApart).
   */
  readonly buildsApart?: boolean;
  /** After each batch is committed, with the targets' new checkpoints. */
  readonly onBatch?: (batch: EventBatch, targets: readonly BuildTarget[]) => void | Promise<void>;
}

/**
 * Feeds builds from one reading of the log: it starts at the earliest of their checkpoints, and each
 * build skips what it already has. Each batch is applied to every build in one transaction, so a
 * crash leaves all of them where they were (unless buildsApart). The next batch is read and parsed
 * while one is applied (preparedBatches), but batches commit one at a time, in log order, and the first
 * that fails stops the group. Returns the targets with their final checkpoints.
 */
export async function runProjectionGroup(targets: readonly BuildTarget[], options: GroupOptions): Promise<BuildTarget[]> {
  let current = [...targets];
  if (current.length === 0) return current;
  const batches = preparedBatches(options.client, {
    from: earliest(current.map((target) => target.build.checkpoint)),
    streamPrefixes: PROJECTED_STREAM_PREFIXES,
    maxBatchSize: options.maxBatchSize,
    signal: options.signal,
    projections: current.map((target) => target.projection),
  });
  for await (const batch of batches) {
    // Stopped: what was read but not applied is read again from the checkpoints next time.
    if (options.signal?.aborted) break;
    const to = batch.to;
    if (to !== null) {
      const apply = async (tx: Transaction<RuntimeDatabase>, target: BuildTarget, optimistic: boolean): Promise<BuildTarget> => ({
        ...target,
        build: (await applyBatch(tx, target, batch.events, to, batch, { optimistic })).build,
      });
      current = options.buildsApart ? await applyApart(current, apply, options) : await applyTogether(current, apply, options);
    }
    await options.onBatch?.(batch, current);
    if (options.untilCaughtUp && batch.caughtUp) break;
  }
  return current;
}

type ApplyTo = (tx: Transaction<RuntimeDatabase>, target: BuildTarget, optimistic: boolean) => Promise<BuildTarget>;

/**
 * Runs `work` in a transaction that applies its batch in one go (applyBatch's optimistic option); if a
 * projection cannot take it so, rolls it back and runs it again in one that finds and parks what fails.
 */
async function inTransaction<T>(db: GroupOptions['db'], work: (tx: Transaction<RuntimeDatabase>, optimistic: boolean) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute((tx) => work(tx, true));
  } catch (error) {
    if (!(error instanceof ApplyFailedError)) throw error;
    return db.transaction().execute((tx) => work(tx, false));
  }
}

async function applyTogether(targets: readonly BuildTarget[], apply: ApplyTo, options: GroupOptions): Promise<BuildTarget[]> {
  return inTransaction(options.db, async (tx, optimistic) => {
    const next: BuildTarget[] = [];
    for (const target of targets) next.push(await apply(tx, target, optimistic));
    await options.guard?.(tx);
    return next;
  });
}

/**
 * Each build's batch in a transaction of its own, at once. They commit without waiting for the WAL to
 * reach the disk (synchronous_commit off; PostgreSQL writes it out within a fraction of a second):
 * nothing reads these builds, and nothing is acknowledged on their account. A crash of PostgreSQL may
 * then lose their last batches, but each with its checkpoint, as a unit, never half of one; and a
 * rebuild that stops is dropped and run again anyway. The swap that makes a build live commits
 * durably, and with it everything written before it.
 */
async function applyApart(targets: readonly BuildTarget[], apply: ApplyTo, options: GroupOptions): Promise<BuildTarget[]> {
  const applied = await Promise.allSettled(
    targets.map((target) =>
      inTransaction(options.db, async (tx, optimistic) => {
        await sql`SET LOCAL synchronous_commit = off`.execute(tx);
        const next = await apply(tx, target, optimistic);
        await options.guard?.(tx);
        return next;
      }),
    ),
  );
  // Every transaction has ended before the group goes on, or stops with the first failure.
  const failed = applied.find((result) => result.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return applied.map((result) => (result as PromiseFulfilledResult<BuildTarget>).value);
}
