import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { createDatabase } from '../database';
import type { Projection, ProjectionMigration } from '../projection';
import { createBuild, goLive, migrateBuild, type Build } from './builds';
import { ensureRuntimeSchema, type RuntimeDatabase } from './runtime-schema';

const createNotes: ProjectionMigration = { id: '0001', up: (db) => sql`CREATE TABLE notes (event_id uuid PRIMARY KEY, author text NOT NULL)`.execute(db).then(() => {}) };
const indexAuthors: ProjectionMigration = { id: '0002', whenLive: true, up: (db) => sql`CREATE INDEX notes_by_author ON notes (author)`.execute(db).then(() => {}) };
const addTopic: ProjectionMigration = { id: '0003', up: (db) => sql`ALTER TABLE notes ADD COLUMN topic text`.execute(db).then(() => {}) };

const notes = (migrations: readonly ProjectionMigration[]): Projection => ({
  name: 'notes',
  version: 1,
  migrations,
  views: [{ name: 'builds_spec_notes', select: 'SELECT event_id, author FROM notes', description: 'notes' }],
  apply: async () => {},
});

describe('builds and their migrations', () => {
  let database: TestDatabase;
  let db: Kysely<RuntimeDatabase>;

  beforeEach(async () => {
    database = await createTestDatabase('ledgerline_builds');
    db = createDatabase<RuntimeDatabase>(database.url, { maxConnections: 2 });
    await ensureRuntimeSchema(db as Kysely<unknown>);
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  const indexes = (build: Build) =>
    sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE schemaname = ${build.schema} ORDER BY indexname`.execute(db).then((r) => r.rows.map((row) => row.indexname));
  const columns = (build: Build) =>
    sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_schema = ${build.schema} AND table_name = 'notes' ORDER BY ordinal_position`
      .execute(db)
      .then((r) => r.rows.map((row) => row.column_name));
  const recorded = (build: Build) =>
    db.selectFrom('projection_runtime.build_migrations').select('migration_id').where('build_id', '=', build.buildId).orderBy('migration_id').execute().then((rows) => rows.map((row) => row.migration_id));

  it('leaves the whenLive steps out of a build being filled, and runs them when it goes live, before the swap', async () => {
    const projection = notes([createNotes, indexAuthors, addTopic]);
    const building = await createBuild(db, projection, 'building');
    expect(await indexes(building)).toEqual(['notes_pkey']);
    expect(await columns(building)).toEqual(['event_id', 'author', 'topic']);
    expect(await recorded(building)).toEqual(['0001', '0003']);

    // A projector that restarts while the build fills migrates it again: still without the index.
    await migrateBuild(db, building, projection);
    expect(await indexes(building)).toEqual(['notes_pkey']);

    let indexedBeforeSwap: string[] = [];
    const live = await goLive(db, building, projection, async (tx) => {
      indexedBeforeSwap = (await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE schemaname = ${building.schema}`.execute(tx)).rows.map((row) => row.indexname);
    });
    expect(indexedBeforeSwap.sort()).toEqual(['notes_by_author', 'notes_pkey']);
    expect(await indexes(live)).toEqual(['notes_by_author', 'notes_pkey']);
    expect(await recorded(live)).toEqual(['0001', '0002', '0003']);
  });

  it('runs every step at once for a build that is live from the start', async () => {
    const live = await createBuild(db, notes([createNotes, indexAuthors]), 'live');
    expect(live.status).toBe('live');
    expect(await indexes(live)).toEqual(['notes_by_author', 'notes_pkey']);
    expect(await recorded(live)).toEqual(['0001', '0002']);
  });

  it('runs a whenLive step added to a live build right away', async () => {
    const live = await createBuild(db, notes([createNotes]), 'live');
    await migrateBuild(db, live, notes([createNotes, indexAuthors]));
    expect(await indexes(live)).toEqual(['notes_by_author', 'notes_pkey']);
    expect(await recorded(live)).toEqual(['0001', '0002']);
  });
});
