import { sql, type QueryExecutorProvider } from 'kysely';

/** `rm_<projection>_v<version>_b<build id>`: a build's tables live in a schema of their own. */
export function buildSchemaName(projection: string, version: number, buildId: string): string {
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(projection)) throw new TypeError(`projection name must be kebab-case, got "${projection}"`);
  return `rm_${projection.replace(/-/g, '_')}_v${version}_b${buildId}`;
}

/** The search_path that puts a build's schema first, so projection SQL names tables without one. */
export const buildSearchPath = (schema: string): string => `${quoteIdentifier(schema)}, public`;

/** Runs the rest of the transaction against the build's schema (buildSearchPath). */
export async function useBuildSchema(tx: QueryExecutorProvider, schema: string): Promise<void> {
  await sql`SELECT set_config('search_path', ${buildSearchPath(schema)}, true)`.execute(tx);
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
  const path = schema === null ? 'public' : buildSearchPath(schema);
  return `SELECT set_config('search_path', '${path.replace(/'/g, "''")}', true)`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
