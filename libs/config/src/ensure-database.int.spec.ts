import { randomBytes } from 'node:crypto';
import { connectToMaintenanceDatabase, ensureDatabase } from './index';

// A real PostgreSQL at 127.0.0.1:5432 with trust auth for `postgres`; only the uniquely named database is touched.
const server = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function databaseExists(name: string): Promise<boolean> {
  const client = await connectToMaintenanceDatabase(server);
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

async function dropDatabase(name: string): Promise<void> {
  const client = await connectToMaintenanceDatabase(server);
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

describe('ensureDatabase', () => {
  // Upper case and a quote prove the identifier is quoted, not interpolated raw.
  const name = `ledgerline_test_Ensure"${randomBytes(6).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${encodeURIComponent(name)}`;

  afterAll(() => dropDatabase(name));

  it('creates the missing database, then does nothing when it exists', async () => {
    expect(await databaseExists(name)).toBe(false);

    expect(await ensureDatabase(url.toString())).toEqual({ created: true });
    expect(await databaseExists(name)).toBe(true);

    expect(await ensureDatabase(url.toString())).toEqual({ created: false });
    expect(await databaseExists(name)).toBe(true);

    await dropDatabase(name);
    expect(await databaseExists(name)).toBe(false);
  });

  it('lets processes that race to create the same database all succeed, one of them creating it', async () => {
    const raceName = `${name}_race`;
    const raceUrl = new URL(url);
    raceUrl.pathname = `/${encodeURIComponent(raceName)}`;
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => ensureDatabase(raceUrl.toString())));
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(await databaseExists(raceName)).toBe(true);
    } finally {
      await dropDatabase(raceName);
    }
  });

  it('refuses a URL that names no database', async () => {
    await expect(ensureDatabase('postgres://postgres:secret@127.0.0.1:5432')).rejects.toThrow(
      'ensureDatabase: postgres://postgres:***@127.0.0.1:5432 must name a database in its path',
    );
  });
});
