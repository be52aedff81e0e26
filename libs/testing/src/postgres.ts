import { randomBytes } from 'node:crypto';
import { connectToMaintenanceDatabase, ensureDatabase } from '@ledgerline/config';

/** The server tests create their databases on: TEST_POSTGRES_URL, else the local trust-auth PostgreSQL. */
const serverUrl = () => process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly name: string;
  /** Connection string of the new database, on the same server and user as TEST_POSTGRES_URL. */
  readonly url: string;
  /** Drops the database, closing any connection a test left open. */
  drop(): Promise<void>;
}

/** A fresh, uniquely named database that only this test uses; drop() it in afterAll. */
export async function createTestDatabase(prefix = 'ledgerline_test'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const { created } = await ensureDatabase(url.toString());
  if (!created) throw new Error(`createTestDatabase: ${name} already existed; refusing to use (and later drop) it`);
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = await connectToMaintenanceDatabase(url.toString());
      try {
        // WITH (FORCE) (PostgreSQL 13+) ends the connections a pool under test may still hold.
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
