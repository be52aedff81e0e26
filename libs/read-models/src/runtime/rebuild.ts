import type { Kysely, Transaction } from 'kysely';
import { readLogHead, type EventStoreClient, type Position } from '@ledgerline/event-store';
import type { AnyProjection } from '../projection';
import { applyBatch, type BuildTarget } from './apply-batch';
import { createBuild, currentBuilds, dropBuildSchema, goLive, type Build } from './builds';
import { comparePositions } from './checkpoint';
import { DEFAULT_MAX_BATCH_SIZE, eventBatches } from './event-batches';
import { PROJECTED_STREAM_PREFIXES, runProjectionGroup } from './projection-group';
import { ensureRuntimeSchema, type RuntimeDatabase } from './runtime-schema';

export interface RebuildProgress {
  readonly events: number;
  readonly checkpoint: Position | null;
  /** The head of the log when the rebuild started: progress is measured against it. */
  readonly target: Position | null;
  readonly done: boolean;
}

export interface RebuildOptions {
  readonly db: Kysely<RuntimeDatabase>;
  readonly client: EventStoreClient;
  readonly maxBatchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * Replays the log from the start into new builds of `projections`, beside the live ones, then swaps
 * each in: while the swap holds the live build's row, the new build catches up with the last events,
 * so queries never see it behind the build it replaces. A projector running meanwhile keeps the old
 * build current until then, and its next checkpoint compare-and-set makes it move to the new one.
 */
export async function rebuildProjections(projections: readonly AnyProjection[], options: RebuildOptions): Promise<Build[]> {
  const { db, client } = options;
  const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  await ensureRuntimeSchema(db as Kysely<unknown>);
  const targets: BuildTarget[] = [];
  for (const projection of projections) {
    const builds = await currentBuilds(db, projection.name);
    const live = builds.find((build) => build.status === 'live');
    if (live !== undefined && live.version !== projection.version) {
      throw new Error(`${projection.name}: v${live.version} is live and the code is v${projection.version}; the projector builds the new version itself`);
    }
    // A rebuild that died half-way left its build behind: nothing else drives a same-version build.
    for (const orphan of builds.filter((build) => build.status === 'building')) await dropBuildSchema(db, orphan.schema);
    targets.push({ build: await createBuild(db, projection, 'building'), projection });
  }

  const target = (await readLogHead(client))?.position ?? null;
  let events = 0;
  const report = (checkpoint: Position | null, done: boolean) => options.onProgress?.({ events, checkpoint, target, done });
  const caughtUp = await runProjectionGroup(targets, {
    db,
    client,
    maxBatchSize,
    signal: options.signal,
    untilCaughtUp: true,
    // No one reads the new builds before the swap, and a rebuild that fails is dropped and run again.
    buildsApart: true,
    onBatch: (batch) => {
      events += batch.events.length;
      report(batch.to, false);
    },
  });
  if (options.signal?.aborted) throw new Error('the rebuild was stopped before it caught up');

  const swapped: Build[] = [];
  for (const { build, projection } of caughtUp) {
    const live = await goLive(db, build, projection, (tx) => catchUpInside(tx, { build, projection }, client, maxBatchSize));
    swapped.push(live);
  }
  report(caughtUp[0]?.build.checkpoint ?? null, true);
  return swapped;
}

/** Applies what the log gained since the build caught up, inside the swap's transaction, up to the head. */
async function catchUpInside(tx: Transaction<RuntimeDatabase>, target: BuildTarget, client: EventStoreClient, maxBatchSize: number): Promise<void> {
  const head = (await readLogHead(client))?.position ?? null;
  let current = target;
  if (head === null || comparePositions(head, current.build.checkpoint) <= 0) return;
  for await (const batch of eventBatches(client, { from: current.build.checkpoint, streamPrefixes: PROJECTED_STREAM_PREFIXES, maxBatchSize })) {
    if (batch.to !== null) current = { ...current, build: (await applyBatch(tx, current, batch.events, batch.to)).build };
    if (batch.caughtUp || comparePositions(current.build.checkpoint, head) >= 0) break;
  }
}
