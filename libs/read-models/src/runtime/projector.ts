import type { Kysely, Transaction } from 'kysely';
import type { EventStoreClient } from '@ledgerline/event-store';
import type { AnyProjection } from '../projection';
import { ANALYTICS_READER_ROLE, ensureAnalyticsReaderRole } from './analytics-reader-role';
import { refreshViews } from './analytics-views';
import type { BuildTarget } from './apply-batch';
import { createBuild, currentBuilds, goLive, migrateBuild } from './builds';
import { DEFAULT_MAX_BATCH_SIZE } from './event-batches';
import { runProjectionGroup } from './projection-group';
import { acquireLeaderLock, assertLeader, LeadershipLostError, type LeaderLock, type LeaderLockOptions } from './projector-lock';
import { recordRunnerState, type RunnerState } from './runner-state';
import { ensureRuntimeSchema, type RuntimeDatabase } from './runtime-schema';

export interface ProjectorOptions {
  readonly db: Kysely<RuntimeDatabase>;
  readonly client: EventStoreClient;
  readonly projections: readonly AnyProjection[];
  readonly maxBatchSize?: number;
  readonly log?: (message: string) => void;
  /** First wait after a failure; it doubles up to maxBackoffMs while failures repeat. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /**
   * One projector per database: project only while holding the projector lock (a session-level
   * advisory lock on a connection of its own, opened from this URL), and stand by otherwise. Without
   * it the projector projects at once (tests, tools that run alone).
   */
  readonly lock?: LeaderLockOptions;
  /** Told when this projector starts leading (true) and when it stops (false). */
  readonly onLeading?: (leading: boolean) => void;
}

/**
 * Keeps every projection's live build following the log, until the signal aborts. With `lock`, it
 * first waits to hold the projector lock, and stops writing the moment it may have lost it (then it
 * stands by again): a second projector on the database waits instead of fighting over checkpoints.
 */
export async function runProjector(options: ProjectorOptions, signal: AbortSignal): Promise<void> {
  const { lock: lockOptions, log = () => {} } = options;
  if (lockOptions === undefined) return project(options, signal);
  while (!signal.aborted) {
    const lock = await acquireLeaderLock({
      ...lockOptions,
      signal,
      onStandby: (leader) =>
        log(`projector: standby, ${leader ?? 'another projector'} holds the projector lock on this database; trying again every ${lockOptions.retryMs ?? 2000} ms`),
      onError: (error) => log(`projector: could not try the projector lock (${(error as Error).message ?? String(error)})`),
    });
    if (lock === undefined) break;
    log(`projector: leading, holds the projector lock (${lock.holder})`);
    options.onLeading?.(true);
    let lost: unknown = undefined;
    try {
      await project(options, AbortSignal.any([signal, lock.lost]), lock);
      if (lock.lost.aborted) lost = lock.lost.reason;
    } catch (error) {
      if (!(error instanceof LeadershipLostError)) throw error;
      lost = error;
    } finally {
      options.onLeading?.(false);
      await lock.release();
    }
    if (lost !== undefined && !signal.aborted) {
      log(`projector: ${(lost as Error).message}; stopped projecting, standing by`);
      // A standby that is ready gets the first chance: this process just had trouble with PostgreSQL.
      await sleep(lockOptions.retryMs ?? 2000, signal);
    }
  }
}

/**
 * Projects until the signal aborts. A projection without a build gets one (live at once); one whose
 * code version differs from its live build's gets a new build beside it, which goes live when it has
 * caught up, while queries keep reading the old. Any failure (event store or PostgreSQL away, a
 * checkpoint moved by a rebuild) restarts from the stored checkpoints after a backoff. Under a lock,
 * every batch's transaction and every swap checks, before it commits, that the lock is still held.
 */
async function project(options: ProjectorOptions, signal: AbortSignal, lock?: LeaderLock): Promise<void> {
  const { db, projections, log = () => {} } = options;
  const names = projections.map((projection) => projection.name);
  const guard = lock === undefined ? undefined : (tx: Transaction<RuntimeDatabase>) => assertLeader(tx, lock);
  // Once the lock may be lost, the runner state belongs to the next leader.
  const recordState = async (state: RunnerState, error?: unknown) => {
    if (!lock?.lost.aborted) await recordRunnerState(db, names, state, error);
  };
  const initialBackoff = options.backoffMs ?? 500;
  let backoff = initialBackoff;
  while (!signal.aborted) {
    try {
      await ensureRuntimeSchema(db as Kysely<unknown>);
      await ensureAnalyticsReaderRole(db as Kysely<unknown>).catch((error: unknown) =>
        log(`could not set up the read-only role ${ANALYTICS_READER_ROLE} (${(error as Error).message}); analysts' SQL access needs it`),
      );
      const targets = await prepareTargets(db, projections, log);
      await recordState('catching-up');
      let live = false;
      const wentLive = new Set<string>();
      await runProjectionGroup(targets, {
        db,
        client: options.client,
        maxBatchSize: options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
        signal,
        guard,
        onBatch: async (batch, current) => {
          backoff = initialBackoff;
          if (!batch.caughtUp) return;
          for (const target of current.filter((t) => t.build.status === 'building' && !wentLive.has(t.build.buildId))) {
            await goLive(db, target.build, target.projection, guard);
            wentLive.add(target.build.buildId);
            log(`${target.projection.name} v${target.projection.version} caught up and went live (build ${target.build.buildId})`);
          }
          if (!live) {
            live = true;
            await recordState('live');
            log(`projections live: ${names.join(', ')}`);
          }
        },
      });
    } catch (error) {
      if (error instanceof LeadershipLostError) throw error;
      if (signal.aborted) break;
      log(`projector: ${(error as Error).message ?? String(error)}; retrying in ${backoff} ms`);
      await recordState('reconnecting', error).catch(() => {});
      await sleep(backoff, signal);
      backoff = Math.min(backoff * 2, options.maxBackoffMs ?? 30_000);
    }
  }
  await recordState('stopped').catch(() => {});
}

/** The build each projection feeds: its live build, or a new one when there is none or its version changed. */
async function prepareTargets(db: Kysely<RuntimeDatabase>, projections: readonly AnyProjection[], log: (message: string) => void): Promise<BuildTarget[]> {
  const targets: BuildTarget[] = [];
  for (const projection of projections) {
    const builds = await currentBuilds(db, projection.name);
    const live = builds.find((build) => build.status === 'live');
    if (live === undefined) {
      const build = await createBuild(db, projection, 'live');
      log(`${projection.name} v${projection.version}: new build ${build.buildId}, live while it catches up`);
      targets.push({ build, projection });
    } else if (live.version === projection.version) {
      await migrateBuild(db, live, projection);
      if (await refreshViews(db, live, projection)) log(`${projection.name} v${projection.version}: analytics views bound again (their definitions changed)`);
      targets.push({ build: live, projection });
    } else {
      const existing = builds.find((build) => build.status === 'building' && build.version === projection.version);
      const build = existing ?? (await createBuild(db, projection, 'building'));
      if (existing === undefined) log(`${projection.name}: v${live.version} is live; building v${projection.version} beside it (build ${build.buildId})`);
      else await migrateBuild(db, build, projection);
      targets.push({ build, projection });
    }
  }
  return targets;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
