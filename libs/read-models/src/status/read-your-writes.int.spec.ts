import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { createDatabase } from '../database';
import type { Projection } from '../projection';
import { createBuild } from '../runtime/builds';
import { ensureRuntimeSchema, type RuntimeDatabase } from '../runtime/runtime-schema';
import { waitForProjections } from './read-your-writes';

const notes: Projection = { name: 'notes', version: 1, migrations: [], views: [], apply: async () => {} };

describe('waitForProjections', () => {
  let database: TestDatabase;
  let db: Kysely<RuntimeDatabase>;

  beforeAll(async () => {
    database = await createTestDatabase('ledgerline_read_your_writes');
    db = createDatabase<RuntimeDatabase>(database.url, { maxConnections: 2 });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('counts every projection as behind before any projector has created its schema, rather than failing', async () => {
    expect(await waitForProjections(db, ['notes'], 100n, { timeoutMs: 50 })).toEqual([{ projection: 'notes', checkpoint: null }]);
  });

  it('answers at once when the live build has passed the position, and names the builds still behind otherwise', async () => {
    await ensureRuntimeSchema(db as Kysely<unknown>);
    const build = await createBuild(db, notes, 'live');
    await sql`UPDATE projection_runtime.builds SET checkpoint_commit = 200, checkpoint_prepare = 200 WHERE build_id = ${build.buildId}`.execute(db);
    expect(await waitForProjections(db, ['notes'], 200n, { timeoutMs: 50 })).toEqual([]);
    expect(await waitForProjections(db, ['notes', 'other'], 201n, { timeoutMs: 50 })).toEqual([
      { projection: 'notes', checkpoint: '200' },
      { projection: 'other', checkpoint: null },
    ]);
  });
});
