import { Client } from 'pg';
import { postgresDatabaseName, redactPassword } from './connection-strings';
import { InvalidValueError } from './env-var';

const DUPLICATE_DATABASE = '42P04';
// Two concurrent CREATE DATABASE of one name can also collide on pg_database's unique index.
const UNIQUE_VIOLATION = '23505';

/**
 * Creates the database named in `databaseUrl` when it is missing, connecting to the `postgres`
 * maintenance database of the same server.
 * Safe when several processes start at once. Resolves whether this call created it.
 */
export async function ensureDatabase(databaseUrl: string): Promise<{ created: boolean }> {
  const name = databaseNameOf(databaseUrl);
  const client = await connectToMaintenanceDatabase(databaseUrl);
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return { created: false };
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return { created: true };
  } catch (error) {
    if (codeOf(error) === DUPLICATE_DATABASE || codeOf(error) === UNIQUE_VIOLATION) return { created: false };
    throw error;
  } finally {
    await client.end();
  }
}

/** A connected client on the maintenance database of the server that `databaseUrl` points at. */
export async function connectToMaintenanceDatabase(databaseUrl: string): Promise<Client> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

function databaseNameOf(databaseUrl: string): string {
  try {
    return postgresDatabaseName(new URL(databaseUrl));
  } catch (error) {
    const reason = error instanceof InvalidValueError ? error.reason : 'is not a valid URL';
    throw new Error(`ensureDatabase: ${redactPassword(databaseUrl)} ${reason}`);
  }
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;
