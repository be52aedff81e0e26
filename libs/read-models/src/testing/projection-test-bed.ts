import { sql, type Kysely } from 'kysely';
import type { Position, StoredEvent } from '@ledgerline/event-store';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { createDatabase } from '../database';
import type { AnyProjection } from '../projection';
import { applyBatch } from '../runtime/apply-batch';
import { createBuild, type Build } from '../runtime/builds';
import { checkpointOf } from '../runtime/checkpoint';
import { ensureRuntimeSchema, type RuntimeDatabase } from '../runtime/runtime-schema';

/**
 * A throwaway database holding one live build of a projection, fed through the same applyBatch as the
 * projector (one transaction per batch, checkpoint compare-and-set). Query the rows with `db` after
 * `useBuild()`, or through the analytics views.
 */
export interface ProjectionTestBed {
  readonly db: Kysely<RuntimeDatabase>;
  readonly database: TestDatabase;
  build(): Build;
  /** Applies events as one batch; events already applied (a redelivery) are skipped, as in production. */
  feed(events: readonly StoredEvent[], to?: Position): Promise<void>;
  /** Rows of a table of the build, ordered by every column, for before/after comparisons. */
  rows(table: string): Promise<unknown[]>;
  /** Forgets the in-memory checkpoint, so the next feed re-applies events past the stored one: a crash's redelivery. */
  reloadCheckpoint(): Promise<void>;
  close(): Promise<void>;
}

export async function createProjectionTestBed(projection: AnyProjection): Promise<ProjectionTestBed> {
  const database = await createTestDatabase('ledgerline_projection');
  const db = createDatabase<RuntimeDatabase>(database.url, { maxConnections: 2 });
  await ensureRuntimeSchema(db as Kysely<unknown>);
  let build = await createBuild(db, projection, 'live');
  return {
    db,
    database,
    build: () => build,
    async feed(events, to = events.at(-1)?.position) {
      if (to === undefined) return;
      build = (await db.transaction().execute((tx) => applyBatch(tx, { build, projection }, events, to))).build;
    },
    async rows(table) {
      const { rows } = await sql`SELECT * FROM ${sql.table(`${build.schema}.${table}`)}`.execute(db);
      return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    },
    async reloadCheckpoint() {
      const row = await db.selectFrom('projection_runtime.builds').selectAll().where('build_id', '=', build.buildId).executeTakeFirstOrThrow();
      build = { ...build, checkpoint: checkpointOf(row) };
    },
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}
