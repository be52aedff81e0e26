import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { createDatabase } from '../database';
import { numberArray, textArray } from './array-literals';

describe('array literals', () => {
  let database: TestDatabase;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    database = await createTestDatabase('ledgerline_array_literals');
    db = createDatabase(database.url, { maxConnections: 1 });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('gives PostgreSQL back every text as it was, whatever it holds', async () => {
    const texts = ['plain', '', 'NULL', 'null', ' spaced ', 'a,b', '{braces}', 'say "hi"', 'back\\slash', '\\"', 'ÆØÅ 東京', 'tab\there', 'new\nline', null];
    const { rows } = await sql<{ value: string | null }>`SELECT unnest(${textArray(texts)}::text[]) AS value`.execute(db);
    expect(rows.map((row) => row.value)).toEqual(texts);
  });

  it('gives PostgreSQL back integers, bigints beyond 2^31, fractions and nulls, and refuses what is not a number', async () => {
    const numbers = [0, -1, 2_147_483_648, 9_007_199_254_740_991, 0.1, -2.5e-7, null];
    const { rows } = await sql<{ value: number | null }>`SELECT unnest(${numberArray(numbers)}::float8[]) AS value`.execute(db);
    expect(rows.map((row) => row.value)).toEqual(numbers);
    const { rows: big } = await sql<{ value: string }>`SELECT unnest(${numberArray([9_007_199_254_740_991])}::bigint[]) AS value`.execute(db);
    expect(big).toEqual([{ value: '9007199254740991' }]);
    expect(() => numberArray([Number.NaN])).toThrow(RangeError);
    expect(() => numberArray([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it('writes empty arrays', async () => {
    const { rows } = await sql<{ texts: number; numbers: number }>`SELECT cardinality(${textArray([])}::text[]) AS texts, cardinality(${numberArray([])}::int[]) AS numbers`.execute(db);
    expect(rows).toEqual([{ texts: 0, numbers: 0 }]);
  });
});
