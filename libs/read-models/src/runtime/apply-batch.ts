import { sql, type Transaction } from 'kysely';
import type { Position, StoredEvent } from '@ledgerline/event-store';
import type { AnyProjection } from '../projection';
import type { ProjectedEvent } from '../projected-event';
import { buildSearchPath, setSearchPath, useDefaultSchema } from './build-schema';
import type { Build } from './builds';
import { comparePositions, isHandled } from './checkpoint';
import { parkEvent } from './dead-letters';
import { parseEvent, Unparsable, type PreparedEvents } from './prepared-batches';
import type { RuntimeDatabase } from './runtime-schema';

/** A build and the projection code that fills it. */
export interface BuildTarget {
  readonly build: Build;
  readonly projection: AnyProjection;
}

/** Another process moved the build's checkpoint (or retired the build) since this one read it. */
export class CheckpointConflictError extends Error {
  constructor(readonly build: Build) {
    super(`the checkpoint of ${build.projection} build ${build.buildId} moved elsewhere, or the build was retired`);
    this.name = 'CheckpointConflictError';
  }
}

/**
 * An optimistic applyBatch could not apply the batch in one go (see ApplyBatchOptions); the
 * transaction may be aborted, so the caller rolls it back and applies the batch again without the option.
 */
export class ApplyFailedError extends Error {
  constructor(
    readonly build: Build,
    options: { cause: unknown },
  ) {
    super(`${build.projection} build ${build.buildId} could not apply the batch in one go: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
    this.name = 'ApplyFailedError';
  }
}

export interface ApplyBatchOptions {
  /**
   * Moves the checkpoint and enters the build's schema in one statement, then applies the batch in one
   * go, without a savepoint: two round trips fewer per batch. The build's schema stays first on the
   * search_path until the transaction ends, so later statements must name their schema (the runtime's
   * do). If the projection throws, this throws ApplyFailedError: roll the transaction back and apply
   * the batch again without the option, which finds and parks the events that fail.
   */
  readonly optimistic?: boolean;
}

export interface AppliedBatch {
  readonly build: Build;
  readonly applied: number;
  readonly parked: number;
}

/**
 * Applies one batch to a build inside the caller's transaction and moves its checkpoint to `to` with
 * a compare-and-set on the checkpoint it started from: the rows and the checkpoint commit together or
 * not at all, and events at or before the checkpoint (a redelivery) are skipped. An event the
 * projection cannot parse or apply is parked as a dead letter and the rest of the batch goes on.
 * `prepared` (from preparedBatches) saves parsing and planning the events again for each build.
 */
export async function applyBatch(
  tx: Transaction<RuntimeDatabase>,
  { build, projection }: BuildTarget,
  events: readonly StoredEvent[],
  to: Position,
  prepared?: PreparedEvents,
  { optimistic = false }: ApplyBatchOptions = {},
): Promise<AppliedBatch> {
  if (comparePositions(to, build.checkpoint) <= 0) return { build, applied: 0, parked: 0 };
  let parked = 0;
  const park = async (event: StoredEvent, error: unknown) => {
    parked++;
    await parkEvent(tx, build.buildId, projection.name, event, error);
  };

  // Two arrays side by side rather than a pair per event: a rebuild goes through millions of events.
  const stored: StoredEvent[] = [];
  const projected: ProjectedEvent[] = [];
  let fresh = 0;
  let last: StoredEvent | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (isHandled(event.position, build.checkpoint)) continue;
    fresh++;
    last = event;
    const form = prepared === undefined ? parseEvent(event) : prepared.parsed[i];
    if (form instanceof Unparsable) {
      await park(event, form.error);
    } else {
      stored.push(event);
      projected.push(form);
    }
  }
  // The plan made ahead covers every event of the batch: it fits only if this build skips none.
  const planned = fresh === events.length ? prepared?.plans.get(projection) : undefined;
  const result = () => ({ build: { ...build, checkpoint: to }, applied: fresh - parked, parked });
  if (optimistic && projected.length > 0) {
    await moveCheckpoint(tx, build, to, { applied: fresh - parked, last, schema: build.schema });
    try {
      await projection.apply(projected, tx, planned ?? projection.plan?.(projected));
    } catch (error) {
      throw new ApplyFailedError(build, { cause: error });
    }
    return result();
  }
  if (projected.length > 0) {
    // Into the build's schema and a savepoint in one round trip, and out in another: of a batch's few
    // dozen statements, these would otherwise be a good share.
    await sql.raw(`${setSearchPath(build.schema)}; SAVEPOINT apply_batch`).execute(tx);
    try {
      await projection.apply(projected, tx, planned ?? projection.plan?.(projected));
      await sql.raw(`RELEASE SAVEPOINT apply_batch; ${setSearchPath(null)}`).execute(tx);
    } catch {
      await sql`ROLLBACK TO SAVEPOINT apply_batch`.execute(tx);
      // Some event of the batch throws: find it (them) by applying one event at a time.
      for (let i = 0; i < projected.length; i++) {
        const error = await attempt(tx, projection, projected[i]);
        if (error !== undefined) await park(stored[i], error);
      }
      await useDefaultSchema(tx);
    }
  }
  await moveCheckpoint(tx, build, to, { applied: fresh - parked, last });
  return result();
}

/**
 * Compare-and-set of the build's checkpoint from where it was to `to`, counting the events applied;
 * with `schema`, the same statement also puts the build's schema first on the search_path.
 */
async function moveCheckpoint(
  tx: Transaction<RuntimeDatabase>,
  build: Build,
  to: Position,
  { applied, last, schema }: { applied: number; last: StoredEvent | undefined; schema?: string },
): Promise<void> {
  const from = build.checkpoint;
  const moved = await tx
    .updateTable('projection_runtime.builds')
    .set({
      checkpoint_commit: String(to.commit),
      checkpoint_prepare: String(to.prepare),
      events_applied: sql`events_applied + ${applied}`,
      ...(last !== undefined && { last_event_at: last.created }),
      updated_at: sql`now()`,
    })
    .where('build_id', '=', build.buildId)
    .where('status', 'in', ['live', 'building'])
    .where((eb) =>
      from === null
        ? eb.and([eb('checkpoint_commit', 'is', null), eb('checkpoint_prepare', 'is', null)])
        : eb.and([eb('checkpoint_commit', '=', String(from.commit)), eb('checkpoint_prepare', '=', String(from.prepare))]),
    )
    .returning(schema === undefined ? sql<string>`build_id::text`.as('moved') : sql<string>`set_config('search_path', ${buildSearchPath(schema)}, true)`.as('moved'))
    .executeTakeFirst();
  if (moved === undefined) throw new CheckpointConflictError(build);
}

/** Applies one event inside a savepoint: undefined when it went through, else what the projection threw (rolled back). */
async function attempt(tx: Transaction<RuntimeDatabase>, projection: AnyProjection, event: ProjectedEvent): Promise<unknown> {
  await sql`SAVEPOINT apply_event`.execute(tx);
  try {
    await projection.apply([event], tx, projection.plan?.([event]));
    await sql`RELEASE SAVEPOINT apply_event`.execute(tx);
    return undefined;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT apply_event`.execute(tx);
    return error;
  }
}
