import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { databaseWithStatementLog } from '../testing/statement-log';
import { columnar, readTogether } from './read-together';

describe('readTogether', () => {
  let database: TestDatabase;
  let db: Kysely<unknown>;
  /** Every statement sent, in order. */
  let statements: string[];

  beforeAll(async () => {
    database = await createTestDatabase('ledgerline_read_together');
    ({ db, statements } = databaseWithStatementLog(database.url));
    await sql`CREATE TABLE sales (location_id text, day date, minor bigint, seconds float8)`.execute(db);
    await sql`INSERT INTO sales VALUES ('oslo', '2025-01-02', 1200, 1.5), ('oslo', '2025-01-03', 10, NULL), ('bergen', '2025-01-02', 7, 2)`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('returns the rows of each query by name, from one statement', async () => {
    statements.length = 0;
    const rows = await readTogether(db, {
      totals: sql<{ location_id: string; minor: number; days: number }>`SELECT location_id, sum(minor) AS minor, count(*) AS days FROM sales GROUP BY location_id`,
      days: sql<{ day: string; seconds: number | null }>`SELECT day, seconds FROM sales WHERE location_id = ${'oslo'}`,
      none: sql<{ location_id: string }>`SELECT location_id FROM sales WHERE location_id = ${'tromso'}`,
    });
    expect(statements).toHaveLength(1);
    // Numbers of any numeric type arrive as numbers, dates as ISO text, and no rows as an empty list.
    expect(rows.totals.sort((a, b) => a.location_id.localeCompare(b.location_id))).toEqual([
      { location_id: 'bergen', minor: 7, days: 1 },
      { location_id: 'oslo', minor: 1210, days: 2 },
    ]);
    expect(rows.days.sort((a, b) => a.day.localeCompare(b.day))).toEqual([
      { day: '2025-01-02', seconds: 1.5 },
      { day: '2025-01-03', seconds: null },
    ]);
    expect(rows.none).toEqual([]);
  });

  it('gives the columns of a columnar query, each in the query\'s order of rows', async () => {
    statements.length = 0;
    const byRow = sql<{ location_id: string; day: string; minor: number; seconds: number | null }>`SELECT location_id, day, minor, seconds FROM sales ORDER BY minor DESC`;
    const rows = await readTogether(db, {
      columns: columnar(byRow, ['location_id', 'day', 'minor', 'seconds']),
      rows: byRow,
      none: columnar(sql<{ day: string }>`SELECT day FROM sales WHERE location_id = ${'tromso'}`, ['day']),
    });
    expect(statements).toHaveLength(1);
    expect(rows.columns).toEqual({
      location_id: ['oslo', 'oslo', 'bergen'],
      day: ['2025-01-02', '2025-01-03', '2025-01-02'],
      minor: [1200, 10, 7],
      seconds: [1.5, null, 2],
    });
    // The same values as the rows of the plain query.
    expect(rows.rows.map((row) => [row.location_id, row.day, row.minor, row.seconds])).toEqual(rows.columns.minor.map((_, i) => [rows.columns.location_id[i], rows.columns.day[i], rows.columns.minor[i], rows.columns.seconds[i]]));
    expect(rows.none).toEqual({ day: [] });
  });

  it('refuses a columnar query of more columns than json_build_array takes', () => {
    const columns = Array.from({ length: 101 }, (_, i) => `c${i}`);
    expect(() => columnar(sql<Record<string, number>>`SELECT 1`, columns)).toThrow(RangeError);
  });
});
