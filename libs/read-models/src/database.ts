import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';

export interface DatabaseOptions {
  /** Connections in the pool; the projector needs few, the API a handful per core. */
  readonly maxConnections?: number;
  readonly applicationName?: string;
}

/** A kysely database over a pg pool. `destroy()` it to close the pool. */
export function createDatabase<DB>(url: string, { maxConnections = 10, applicationName = 'ledgerline' }: DatabaseOptions = {}): Kysely<DB> {
  const pool = new Pool({ connectionString: url, max: maxConnections, application_name: applicationName });
  // An idle client that loses its server (a restart) emits 'error'; without a listener it would crash the process.
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
