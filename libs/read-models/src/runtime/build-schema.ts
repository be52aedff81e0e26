import { sql, type QueryExecutorProvider } from 'kysely';

/** `rm_<projection>_v<version>_b<build id>`: a build's tables live in a schema of their own. */
export function buildSchemaName(projection: string, version: number, buildId: string): string {
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(projection)) throw new TypeError(`projection name must be kebab-case, got "${projection}"`);
  return `rm_${projection.replace(/-/g, '_')}_v${version}_b${buildId}`;
}

/** Runs the rest of the transaction against the build's schema, so projection SQL names tables without one. */
export async function useBuildSchema(tx: QueryExecutorProvider, schema: string): Promise<void> {
  await sql`SELECT set_config('search_path', ${`${quoteIdentifier(schema)}, public`}, true)`.execute(tx);
}

/** Back to the default search_path for the rest of the transaction, after work in a build's schema. */
export async function useDefaultSchema(tx: QueryExecutorProvider): Promise<void> {
  await sql`SELECT set_config('search_path', 'public', true)`.execute(tx);
}

/**
 * The statement of useBuildSchema (a build's schema) or useDefaultSchema (null) as text, to send in one
 * round trip with other statements (sql.raw: the simple protocol, so no parameters).
 */
export function setSearchPath(schema: string | null): string {
  const path = schema === null ? 'public' : `${quoteIdentifier(schema)}, public`;
  return `SELECT set_config('search_path', '${path.replace(/'/g, "''")}', true)`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
