/**
 * The yardstick for the rebuild: the rows the rebuild produced, written again straight to PostgreSQL
 * by a Node client with no projection runtime in between. Each table of each build gets an empty copy
 * (CREATE TABLE … (LIKE … INCLUDING ALL): same columns, keys and indexes) in a scratch schema, and its
 * rows go in as multi-row `INSERT … VALUES … ON CONFLICT (primary key) DO UPDATE` statements of
 * `batchRows` rows, each its own transaction, over one connection. The rows are read out beforehand
 * (as text, in chunks through a cursor on a second connection), and only the writes are timed.
 */
import { Client } from 'pg';
import { now, secondsSince } from './timing';

const SCRATCH_SCHEMA = 'bench_raw_upserts';
/** Rows read from a table before they are written (bounds this process's memory). */
const READ_CHUNK = 100_000;
/** Values come back as PostgreSQL's text and go back as parameters the same way. */
const asText = { getTypeParser: () => (value: string) => value };

export interface TableCopy {
  /** schema.table of the original. */
  table: string;
  rows: number;
  seconds: number;
}

export interface RawUpsertResult {
  rows: number;
  statements: number;
  /** Time spent in the INSERT statements only. */
  seconds: number;
  tables: TableCopy[];
}

export async function rawUpserts(databaseUrl: string, schemas: readonly string[], batchRows: number): Promise<RawUpsertResult> {
  const writer = new Client({ connectionString: databaseUrl, application_name: 'ledgerline-bench-raw-writer' });
  const reader = new Client({ connectionString: databaseUrl, application_name: 'ledgerline-bench-raw-reader' });
  await writer.connect();
  await reader.connect();
  try {
    await writer.query(`DROP SCHEMA IF EXISTS ${SCRATCH_SCHEMA} CASCADE`);
    await writer.query(`CREATE SCHEMA ${SCRATCH_SCHEMA}`);
    const tables: TableCopy[] = [];
    let statements = 0;
    for (const schema of schemas) {
      const { rows } = await writer.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema]);
      for (const { tablename } of rows) {
        const copy = await copyTable(reader, writer, schema, tablename, batchRows);
        tables.push(copy.table);
        statements += copy.statements;
      }
    }
    await writer.query(`DROP SCHEMA ${SCRATCH_SCHEMA} CASCADE`);
    return {
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      statements,
      seconds: tables.reduce((sum, t) => sum + t.seconds, 0),
      tables,
    };
  } finally {
    await reader.end();
    await writer.end();
  }
}

async function copyTable(reader: Client, writer: Client, schema: string, table: string, batchRows: number): Promise<{ table: TableCopy; statements: number }> {
  const source = `${quote(schema)}.${quote(table)}`;
  const target = `${SCRATCH_SCHEMA}.${quote(`${schema}__${table}`)}`;
  await writer.query(`CREATE TABLE ${target} (LIKE ${source} INCLUDING ALL)`);
  const columns = (
    await writer.query<{ attname: string }>('SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum', [source])
  ).rows.map((row) => row.attname);
  const keys = (
    await writer.query<{ attname: string }>(
      // The key's own columns: indkey also lists its INCLUDE columns, after the first indnkeyatts.
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = $1::regclass AND i.indisprimary AND array_position(i.indkey, a.attnum) < i.indnkeyatts
       ORDER BY array_position(i.indkey, a.attnum)`,
      [source],
    )
  ).rows.map((row) => row.attname);
  if (keys.length === 0) throw new Error(`${source} has no primary key to upsert on`);
  const others = columns.filter((column) => !keys.includes(column));
  const onConflict =
    others.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${others.map((column) => `${quote(column)} = excluded.${quote(column)}`).join(', ')}`;
  const statementFor = (count: number) => {
    const tuples = Array.from({ length: count }, (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    return `INSERT INTO ${target} (${columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (${keys.map(quote).join(', ')}) ${onConflict}`;
  };
  const fullStatement = statementFor(batchRows);

  let rows = 0;
  let statements = 0;
  let seconds = 0;
  await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    // Physical order: the order the rebuild inserted them in.
    await reader.query(`DECLARE rows_out NO SCROLL CURSOR FOR SELECT ${columns.map(quote).join(', ')} FROM ${source}`);
    for (;;) {
      const chunk = await reader.query<unknown[]>({ text: `FETCH ${READ_CHUNK} FROM rows_out`, rowMode: 'array', types: asText });
      if (chunk.rows.length === 0) break;
      const started = now();
      for (let i = 0; i < chunk.rows.length; i += batchRows) {
        const batch = chunk.rows.slice(i, i + batchRows);
        await writer.query(batch.length === batchRows ? fullStatement : statementFor(batch.length), batch.flat());
        statements++;
      }
      seconds += secondsSince(started);
      rows += chunk.rows.length;
    }
  } finally {
    await reader.query('COMMIT');
  }
  return { table: { table: `${schema}.${table}`, rows, seconds }, statements };
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
