import { sql, type Kysely } from 'kysely';
import type { RuntimeDatabase } from '@ledgerline/read-models';

/** Every row of every table of each projection's live build, sorted, keyed by `<projection>.<table>`. */
export async function snapshotLiveBuilds(db: Kysely<RuntimeDatabase>): Promise<Record<string, unknown[]>> {
  const builds = await db.selectFrom('projection_runtime.builds').select(['projection', 'schema_name']).where('status', '=', 'live').execute();
  const snapshot: Record<string, unknown[]> = {};
  for (const { projection, schema_name } of builds) {
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema_name} ORDER BY table_name`.execute(db);
    for (const { table_name } of tables.rows) {
      const { rows } = await sql`SELECT * FROM ${sql.table(`${schema_name}.${table_name}`)}`.execute(db);
      snapshot[`${projection}.${table_name}`] = rows.map((row) => JSON.stringify(row)).sort();
    }
  }
  return snapshot;
}

/** The commit position each live build has reached. */
export async function liveCheckpoints(db: Kysely<RuntimeDatabase>): Promise<Record<string, string | null>> {
  const rows = await db.selectFrom('projection_runtime.builds').select(['projection', 'checkpoint_commit']).where('status', '=', 'live').execute();
  return Object.fromEntries(rows.map((row) => [row.projection, row.checkpoint_commit]));
}
