import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { autoPrepare, type AutoPrepareOptions } from './auto-prepare';

export interface DatabaseOptions {
  /** Connections in the pool; the projector needs few, the API a handful per core. */
  readonly maxConnections?: number;
  readonly applicationName?: string;
  /** Run statement texts that come back often as prepared statements (auto-prepare.ts): for a query side, whose texts repeat. */
  readonly autoPrepare?: boolean | AutoPrepareOptions;
}

/** A kysely database over a pg pool. `destroy()` it to close the pool. */
export function createDatabase<DB>(url: string, { maxConnections = 10, applicationName = 'ledgerline', autoPrepare: prepare = false }: DatabaseOptions = {}): Kysely<DB> {
  const pool = new Pool({ connectionString: url, max: maxConnections, application_name: applicationName });
  if (prepare !== false) autoPrepare(pool, prepare === true ? {} : prepare);
  // An idle client that loses its server (a restart) emits 'error'; without a listener it would crash the process.
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
