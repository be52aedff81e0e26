import { sql, type Kysely, type Selectable } from 'kysely';
import type { StoredEvent } from '@ledgerline/event-store';
import type { AnyProjection } from '../projection';
import { toProjectedEvent } from '../projected-event';
import { useBuildSchema, useDefaultSchema } from './build-schema';
import { describeError } from './dead-letters';
import type { DeadLettersTable, RuntimeDatabase } from './runtime-schema';

/** A parked event as it was read from the log. */
const storedEventOf = (letter: Selectable<DeadLettersTable>): StoredEvent => ({
  streamId: letter.stream_id,
  revision: BigInt(letter.revision),
  position: { commit: BigInt(letter.commit_position), prepare: BigInt(letter.prepare_position) },
  id: letter.event_id,
  type: letter.event_type,
  data: letter.data,
  metadata: letter.metadata as StoredEvent['metadata'],
  created: letter.recorded_at,
});

/**
 * Applies a parked event to the build it failed in (after its cause was fixed: a new release of the
 * projection, or corrected reference data) and removes it from the dead letters. If it fails again it
 * stays parked with the new error and one more attempt. The build's checkpoint does not move: the
 * event is applied out of its log order, which the operator chose by retrying it.
 */
export async function retryDeadLetter(db: Kysely<RuntimeDatabase>, projections: readonly AnyProjection[], deadLetterId: string): Promise<'applied'> {
  const letter = await db.selectFrom('projection_runtime.dead_letters').selectAll().where('dead_letter_id', '=', deadLetterId).executeTakeFirst();
  if (letter === undefined) throw new Error(`no dead letter ${deadLetterId}`);
  const build = await db.selectFrom('projection_runtime.builds').selectAll().where('build_id', '=', letter.build_id).executeTakeFirstOrThrow();
  if (build.status === 'retired') throw new Error(`dead letter ${deadLetterId} belongs to retired build ${build.build_id}; its rows are gone`);
  const projection = projections.find((p) => p.name === letter.projection);
  if (projection === undefined) throw new Error(`no projection named ${letter.projection} in this release`);
  try {
    await db.transaction().execute(async (tx) => {
      await useBuildSchema(tx, build.schema_name);
      await projection.apply([toProjectedEvent(storedEventOf(letter))], tx);
      await useDefaultSchema(tx);
      await tx.deleteFrom('projection_runtime.dead_letters').where('dead_letter_id', '=', deadLetterId).execute();
    });
    return 'applied';
  } catch (error) {
    await db
      .updateTable('projection_runtime.dead_letters')
      .set({ attempts: sql`attempts + 1`, failed_at: sql`now()`, error: describeError(error).slice(0, 4000) })
      .where('dead_letter_id', '=', deadLetterId)
      .execute();
    throw error;
  }
}
