import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { databaseWithStatementLog } from '../testing/statement-log';
import { writeTogether } from './write-together';

describe('writeTogether', () => {
  let database: TestDatabase;
  let db: Kysely<unknown>;
  /** Every statement sent, in order. */
  let statements: string[];

  beforeAll(async () => {
    database = await createTestDatabase('ledgerline_write_together');
    ({ db, statements } = databaseWithStatementLog(database.url));
    await sql`CREATE TABLE counters (id text PRIMARY KEY, n int NOT NULL)`.execute(db);
    await sql`CREATE TABLE notes (id text PRIMARY KEY)`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });
  beforeEach(async () => {
    await sql`TRUNCATE counters, notes`.execute(db);
    statements.length = 0;
  });

  const rows = async () => ({
    counters: (await sql<{ id: string; n: number }>`SELECT id, n FROM counters ORDER BY id`.execute(db)).rows,
    notes: (await sql<{ id: string }>`SELECT id FROM notes ORDER BY id`.execute(db)).rows.map((row) => row.id),
  });

  it('runs every write it is given, upserts and deletes on several tables, in one statement', async () => {
    await sql`INSERT INTO counters VALUES ('a', 1), ('b', 5)`.execute(db);
    await sql`INSERT INTO notes VALUES ('old')`.execute(db);
    statements.length = 0;
    await writeTogether(db, [
      sql`INSERT INTO counters AS t VALUES ('a', 2), ('c', 3) ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n`,
      undefined,
      sql`DELETE FROM notes WHERE id = 'old'`,
      sql`INSERT INTO notes VALUES (${'new'})`,
    ]);
    expect(statements).toHaveLength(1);
    expect(await rows()).toEqual({ counters: [{ id: 'a', n: 3 }, { id: 'b', n: 5 }, { id: 'c', n: 3 }], notes: ['new'] });
  });

  it('runs a single write as it is, and nothing for none', async () => {
    await writeTogether(db, [undefined, sql`INSERT INTO notes VALUES ('only')`]);
    await writeTogether(db, [undefined, undefined]);
    await writeTogether(db, []);
    expect(statements).toEqual(["INSERT INTO notes VALUES ('only')"]);
    expect(await rows()).toEqual({ counters: [], notes: ['only'] });
  });

  it('writes nothing when one of the writes fails', async () => {
    await expect(writeTogether(db, [sql`INSERT INTO notes VALUES ('kept?')`, sql`INSERT INTO counters VALUES ('x', NULL)`])).rejects.toThrow(/null value/);
    expect(await rows()).toEqual({ counters: [], notes: [] });
  });
});
