import type { Kysely } from 'kysely';
import { createEventStoreClient, type EventStoreClient } from '@ledgerline/event-store';
import { createDatabase, type RuntimeDatabase } from '@ledgerline/read-models';
import { createTestDatabase, startEventStore, type RunningEventStore, type TestDatabase } from '@ledgerline/testing';

export interface ProjectorTestBed {
  /** Set in beforeAll. */
  readonly store: RunningEventStore;
  readonly client: EventStoreClient;
  /** A fresh database (dropped after the suite) and a pool on it. */
  database(): Promise<{ url: string; db: Kysely<RuntimeDatabase> }>;
}

/**
 * The event store and the databases of a projector e2e suite: registers the suite's beforeAll (start
 * the event store, connect a client) and afterAll (close and drop everything it made).
 */
export function useProjectorTestBed(databasePrefix: string): ProjectorTestBed {
  let store: RunningEventStore | undefined;
  let client: EventStoreClient | undefined;
  const databases: TestDatabase[] = [];
  const pools: Kysely<RuntimeDatabase>[] = [];

  beforeAll(async () => {
    store = await startEventStore();
    client = createEventStoreClient(store.url);
  });
  afterAll(async () => {
    await client?.dispose();
    await store?.stop();
    await store?.cleanup();
    for (const db of pools) await db.destroy();
    for (const created of databases) await created.drop();
  });

  return {
    get store() {
      if (store === undefined) throw new Error('the event store starts in beforeAll');
      return store;
    },
    get client() {
      if (client === undefined) throw new Error('the client connects in beforeAll');
      return client;
    },
    async database() {
      const created = await createTestDatabase(databasePrefix);
      databases.push(created);
      const db = createDatabase<RuntimeDatabase>(created.url, { maxConnections: 4 });
      pools.push(db);
      return { url: created.url, db };
    },
  };
}
