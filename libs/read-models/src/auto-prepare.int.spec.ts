import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { createDatabase } from './database';

describe('autoPrepare', () => {
  let database: TestDatabase;
  let db: Kysely<unknown>;

  /** The statements this session has prepared, by text: one connection, so always the same session. */
  const prepared = async () => {
    const { rows } = await sql<{ name: string; statement: string; generic_plans: number; custom_plans: number }>`
      SELECT name, statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements ORDER BY name`.execute(db);
    return rows;
  };
  const total = (location: string) => sql<{ minor: number }>`SELECT sum(minor)::int AS minor FROM sales WHERE location_id = ${location}`.execute(db).then((r) => r.rows[0]?.minor ?? null);

  beforeAll(async () => {
    database = await createTestDatabase('ledgerline_auto_prepare');
    db = createDatabase(database.url, { maxConnections: 1, autoPrepare: { minUsages: 3, maxStatements: 2 } });
    await sql`CREATE TABLE sales (location_id text, minor int)`.execute(db);
    await sql`INSERT INTO sales VALUES ('oslo', 5), ('oslo', 7), ('bergen', 11)`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('prepares a text run with parameters once it has come back minUsages times, and answers the same through it', async () => {
    expect(await total('oslo')).toBe(12);
    expect(await total('bergen')).toBe(11);
    expect(await prepared()).toEqual([]);
    for (let run = 0; run < 8; run++) expect(await total(run % 2 === 0 ? 'oslo' : 'tromso')).toBe(run % 2 === 0 ? 12 : null);
    const [statement, ...others] = await prepared();
    expect(others).toEqual([]);
    expect(statement?.statement).toContain('sum(minor)');
    // Prepared on its third run, so the eight runs from there on went through it.
    expect(statement!.generic_plans + statement!.custom_plans).toBe(8);
  });

  it('leaves texts without parameters unnamed, and names no more than maxStatements texts', async () => {
    for (let run = 0; run < 5; run++) await sql`SELECT count(*) FROM sales`.execute(db);
    for (const limit of [1, 2]) {
      for (let run = 0; run < 3; run++) await sql`SELECT minor FROM sales WHERE minor > ${run} LIMIT ${sql.raw(String(limit))}`.execute(db);
    }
    const names = (await prepared()).map((row) => row.statement);
    expect(names).toHaveLength(2);
    expect(names[1]).toContain('LIMIT 1');
  });

  it('reads a view again after it is replaced under a prepared statement', async () => {
    await sql`CREATE VIEW big_sales AS SELECT location_id, minor FROM sales WHERE minor > 6`.execute(db);
    const big = () => sql<{ n: number }>`SELECT count(*)::int AS n FROM big_sales WHERE location_id = ${'oslo'}`.execute(db).then((r) => r.rows[0]!.n);
    // The pool above has named its maxStatements texts: a fresh one names this text at once.
    const fresh = createDatabase<unknown>(database.url, { maxConnections: 1, autoPrepare: { minUsages: 1 } });
    try {
      const count = () => sql<{ n: number }>`SELECT count(*)::int AS n FROM big_sales WHERE location_id = ${'oslo'}`.execute(fresh).then((r) => r.rows[0]!.n);
      for (let run = 0; run < 7; run++) expect(await count()).toBe(1);
      await sql`CREATE OR REPLACE VIEW big_sales AS SELECT location_id, minor FROM sales WHERE minor > 0`.execute(db);
      expect(await count()).toBe(2);
      await sql`DROP VIEW big_sales`.execute(db);
      await sql`CREATE VIEW big_sales AS SELECT location_id, minor FROM sales WHERE minor > 100`.execute(db);
      expect(await count()).toBe(0);
      expect(await big()).toBe(0);
    } finally {
      await fresh.destroy();
    }
  });
});
