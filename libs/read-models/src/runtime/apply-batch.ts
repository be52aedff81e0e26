import { sql, type Transaction } from 'kysely';
import type { Position, StoredEvent } from '@ledgerline/event-store';
import type { AnyProjection } from '../projection';
import { toProjectedEvent, type ProjectedEvent } from '../projected-event';
import { useBuildSchema, useDefaultSchema } from './build-schema';
import type { Build } from './builds';
import { comparePositions, isHandled } from './checkpoint';
import { parkEvent } from './dead-letters';
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
 */
export async function applyBatch(tx: Transaction<RuntimeDatabase>, { build, projection }: BuildTarget, events: readonly StoredEvent[], to: Position): Promise<AppliedBatch> {
  if (comparePositions(to, build.checkpoint) <= 0) return { build, applied: 0, parked: 0 };
  const fresh = events.filter((event) => !isHandled(event.position, build.checkpoint));
  let parked = 0;
  const park = async (event: StoredEvent, error: unknown) => {
    parked++;
    await parkEvent(tx, build.buildId, projection.name, event, error);
  };

  const parsed: { stored: StoredEvent; event: ProjectedEvent }[] = [];
  for (const stored of fresh) {
    const form = parsedFormOf(stored);
    if ('event' in form) parsed.push({ stored, event: form.event });
    else await park(stored, form.error);
  }
  await useBuildSchema(tx, build.schema);
  if (parsed.length > 0 && !(await attempt(tx, projection, parsed.map((p) => p.event)))) {
    // Some event of the batch throws: find it (them) by applying one event at a time.
    for (const { stored, event } of parsed) {
      const error = await attempt(tx, projection, [event]).then(() => undefined, (e: unknown) => e);
      if (error !== undefined) await park(stored, error);
    }
  }
  await useDefaultSchema(tx);

  const last = fresh.at(-1);
  const from = build.checkpoint;
  const moved = await tx
    .updateTable('projection_runtime.builds')
    .set({
      checkpoint_commit: String(to.commit),
      checkpoint_prepare: String(to.prepare),
      events_applied: sql`events_applied + ${fresh.length - parked}`,
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
    .executeTakeFirst();
  if (moved.numUpdatedRows !== 1n) throw new CheckpointConflictError(build);
  return { build: { ...build, checkpoint: to }, applied: fresh.length - parked, parked };
}

// One batch feeds every build of a group, and each would otherwise upcast and validate (zod) every
// event again: the parsed form, or why there is none, is kept for as long as the stored event lives.
const parsedForms = new WeakMap<StoredEvent, { event: ProjectedEvent } | { error: unknown }>();

function parsedFormOf(stored: StoredEvent): { event: ProjectedEvent } | { error: unknown } {
  let form = parsedForms.get(stored);
  if (form === undefined) {
    try {
      form = { event: toProjectedEvent(stored) };
    } catch (error) {
      form = { error };
    }
    parsedForms.set(stored, form);
  }
  return form;
}

/** Applies inside a savepoint: true when it went through, false (rolled back) when the projection threw. */
async function attempt(tx: Transaction<RuntimeDatabase>, projection: AnyProjection, events: readonly ProjectedEvent[]): Promise<boolean> {
  await sql`SAVEPOINT apply_batch`.execute(tx);
  try {
    await projection.apply(events, tx);
    await sql`RELEASE SAVEPOINT apply_batch`.execute(tx);
    return true;
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT apply_batch`.execute(tx);
    if (events.length === 1) throw error;
    return false;
  }
}
