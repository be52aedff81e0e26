import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AnyProjection } from '../projection';
import { bindViews } from './analytics-views';
import { buildSchemaName, quoteIdentifier, useBuildSchema } from './build-schema';
import { Checkpoint, checkpointOf } from './checkpoint';
import type { BuildsTable, BuildStatus, RuntimeDatabase } from './runtime-schema';

/** One materialisation of a projection version, in its own schema. At most one per projection is live. */
export interface Build {
  readonly buildId: string;
  readonly projection: string;
  readonly version: number;
  readonly schema: string;
  readonly status: BuildStatus;
  readonly checkpoint: Checkpoint;
}

type Db = Kysely<RuntimeDatabase> | Transaction<RuntimeDatabase>;

export const toBuild = (row: Selectable<BuildsTable>): Build => ({
  buildId: String(row.build_id),
  projection: row.projection,
  version: row.version,
  schema: row.schema_name,
  status: row.status,
  checkpoint: checkpointOf(row),
});

/** The builds a projector works on: the live one and any being built beside it. */
export async function currentBuilds(db: Db, projection: string): Promise<Build[]> {
  const rows = await db
    .selectFrom('projection_runtime.builds')
    .selectAll()
    .where('projection', '=', projection)
    .where('status', 'in', ['live', 'building'])
    .orderBy('build_id')
    .execute();
  return rows.map(toBuild);
}

export async function findBuild(db: Db, buildId: string): Promise<Build | undefined> {
  const row = await db.selectFrom('projection_runtime.builds').selectAll().where('build_id', '=', buildId).executeTakeFirst();
  return row && toBuild(row);
}

/** A new, empty build with its schema and tables; `live` when nothing else serves the projection yet. */
export async function createBuild(db: Kysely<RuntimeDatabase>, projection: AnyProjection, status: 'live' | 'building'): Promise<Build> {
  const build = await db.transaction().execute(async (tx) => {
    const { build_id } = await tx
      .insertInto('projection_runtime.builds')
      .values({ projection: projection.name, version: projection.version, schema_name: `pending-${process.pid}-${Date.now()}-${Math.random()}`, status: 'building' })
      .returning('build_id')
      .executeTakeFirstOrThrow();
    const schema = buildSchemaName(projection.name, projection.version, String(build_id));
    await tx.updateTable('projection_runtime.builds').set({ schema_name: schema }).where('build_id', '=', build_id).execute();
    await sql`CREATE SCHEMA ${sql.raw(quoteIdentifier(schema))}`.execute(tx);
    return { buildId: String(build_id), projection: projection.name, version: projection.version, schema, status: 'building' as const, checkpoint: null };
  });
  await migrateBuild(db, build, projection);
  return status === 'live' ? goLive(db, build, projection) : build;
}

/**
 * Applies the projection's migrations the build does not have yet, each in its own transaction; while
 * the build is being filled, not those marked `whenLive` (goLive applies them).
 */
export async function migrateBuild(db: Kysely<RuntimeDatabase>, build: Build, projection: AnyProjection): Promise<void> {
  await applyMigrations(db, build, projection, build.status !== 'building');
}

async function applyMigrations(db: Kysely<RuntimeDatabase>, build: Build, projection: AnyProjection, includeWhenLive: boolean): Promise<void> {
  const applied = new Set(
    (await db.selectFrom('projection_runtime.build_migrations').select('migration_id').where('build_id', '=', build.buildId).execute()).map(
      (row) => row.migration_id,
    ),
  );
  for (const migration of projection.migrations) {
    if (applied.has(migration.id) || (migration.whenLive === true && !includeWhenLive)) continue;
    await db.transaction().execute(async (tx) => {
      await useBuildSchema(tx, build.schema);
      await migration.up(tx as unknown as Kysely<unknown>);
      await tx.insertInto('projection_runtime.build_migrations').values({ build_id: build.buildId, migration_id: migration.id }).execute();
    });
  }
}

/**
 * Makes `build` the one its projection's queries read, in one transaction: the previous live build is
 * retired and the analytics views are pointed at the new build's tables. Queries running meanwhile
 * finish on the old tables; the next ones read the new. Retired schemas are dropped afterwards.
 * `beforeSwap` runs inside that transaction, after the projection's builds are locked (the final
 * catch-up of a rebuild). The build's `whenLive` migrations run first, outside it: an index built
 * there would hold up the live build's projector for as long as it takes.
 */
export async function goLive(
  db: Kysely<RuntimeDatabase>,
  build: Build,
  projection: AnyProjection,
  beforeSwap?: (tx: Transaction<RuntimeDatabase>) => Promise<void>,
): Promise<Build> {
  await applyMigrations(db, build, projection, true);
  const retired = await db.transaction().execute(async (tx) => {
    // Locks the live build's row: a projector applying a batch to it finishes first, and its next
    // compare-and-set of the checkpoint fails because the build is retired.
    const locked = await tx
      .selectFrom('projection_runtime.builds')
      .selectAll()
      .where('projection', '=', build.projection)
      .where('status', '=', 'live')
      .where('build_id', '!=', build.buildId)
      .forUpdate()
      .execute();
    await beforeSwap?.(tx);
    await tx.updateTable('projection_runtime.builds').set({ status: 'retired', updated_at: sql`now()` }).where('build_id', 'in', locked.length > 0 ? locked.map((row) => row.build_id) : ['-1']).execute();
    await tx
      .updateTable('projection_runtime.builds')
      .set({ status: 'live', live_since: sql`now()`, updated_at: sql`now()` })
      .where('build_id', '=', build.buildId)
      .execute();
    await bindViews(tx, build, projection);
    return locked.map((row) => row.schema_name);
  });
  for (const schema of retired) await dropBuildSchema(db, schema);
  // A build filled from zero has no planner statistics yet, and autovacuum may be off or late:
  // without them the first queries on the swapped-in tables can pick bad plans.
  const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${build.schema} AND table_type = 'BASE TABLE'`.execute(db);
  for (const { table_name } of tables.rows) await sql`ANALYZE ${sql.table(`${build.schema}.${table_name}`)}`.execute(db);
  return { ...build, status: 'live' };
}

/** Drops a build that is no longer needed (retired, or an abandoned rebuild), keeping its row as history. */
export async function dropBuildSchema(db: Kysely<RuntimeDatabase>, schema: string): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ${sql.raw(quoteIdentifier(schema))} CASCADE`.execute(db);
  await db.updateTable('projection_runtime.builds').set({ status: 'retired', updated_at: sql`now()` }).where('schema_name', '=', schema).where('status', '=', 'building').execute();
}
