import { sql, type Kysely } from 'kysely';

/** The read-only group role for analysts' tools (Metabase, psql): it sees the analytics views and nothing else. */
export const ANALYTICS_READER_ROLE = 'ledgerline_analytics_reader';

/**
 * Creates the reader role if it is missing and grants it the analytics schema: its views now, and
 * (default privileges) the views each swap recreates and the tables the lifetime-value refresh
 * creates. The role cannot log in; an operator gives a tool its own login in it:
 *   CREATE ROLE metabase LOGIN PASSWORD '…' IN ROLE ledgerline_analytics_reader;
 * The views read the build schemas with their owner's rights, so the role needs no grant on those.
 */
export async function ensureAnalyticsReaderRole(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // Roles belong to the whole server: a lock keeps two databases' projectors from racing to create it.
    await sql`SELECT pg_advisory_xact_lock(hashtext('ledgerline.analytics_reader_role'))`.execute(tx);
    const exists = await sql<{ n: number }>`SELECT 1 AS n FROM pg_roles WHERE rolname = ${ANALYTICS_READER_ROLE}`.execute(tx);
    if (exists.rows.length === 0) await sql`CREATE ROLE ${sql.id(ANALYTICS_READER_ROLE)} NOLOGIN`.execute(tx);
    await sql`GRANT USAGE ON SCHEMA analytics TO ${sql.id(ANALYTICS_READER_ROLE)}`.execute(tx);
    await sql`GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO ${sql.id(ANALYTICS_READER_ROLE)}`.execute(tx);
    await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA analytics GRANT SELECT ON TABLES TO ${sql.id(ANALYTICS_READER_ROLE)}`.execute(tx);
  });
}
