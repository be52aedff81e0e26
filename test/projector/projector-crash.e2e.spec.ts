import type { Kysely } from 'kysely';
import { createEventStoreClient, type EventStoreClient } from '@ledgerline/event-store';
import { allProjections } from '@ledgerline/projections';
import { createDatabase, rebuildProjections, type RuntimeDatabase } from '@ledgerline/read-models';
import { createTestDatabase, startEventStore, type RunningEventStore, type TestDatabase } from '@ledgerline/testing';
import { appendCrmWorkload } from './support/crm-workload';
import { spawnProjector } from './support/projector-process';
import { liveCheckpoints, snapshotLiveBuilds } from './support/read-model-snapshot';
import { waitUntilCaughtUp } from './support/wait';

jest.setTimeout(180_000);

describe('kill -9 of the projector while it applies batches', () => {
  let store: RunningEventStore;
  let client: EventStoreClient;
  const databases: TestDatabase[] = [];
  const pools: Kysely<RuntimeDatabase>[] = [];

  const database = async () => {
    const created = await createTestDatabase('ledgerline_crash');
    databases.push(created);
    const db = createDatabase<RuntimeDatabase>(created.url, { maxConnections: 4 });
    pools.push(db);
    return { url: created.url, db };
  };

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

  it('restarts from its checkpoints and ends with exactly the rows of an uninterrupted run', async () => {
    await appendCrmWorkload(client, { customers: 60, eventsPerCustomer: 100, seed: 7 });
    const crashed = await database();
    const env = { EVENTSTORE_URL: store.url, DATABASE_URL: crashed.url, PROJECTOR_BATCH_SIZE: '50' };

    // Kill it three times at different depths of the catch-up, each time while it is writing.
    const reached: string[] = [];
    for (const after of [1, 3, 6]) {
      const projector = spawnProjector(env);
      const deadline = Date.now() + 60_000;
      let batches = 0;
      let last = '';
      while (batches < after && Date.now() < deadline) {
        const checkpoint = JSON.stringify(await liveCheckpoints(crashed.db).catch(() => ({})));
        if (checkpoint !== last && checkpoint !== '{}') batches++;
        last = checkpoint;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      projector.child.kill('SIGKILL');
      await projector.exited;
      reached.push(last);
    }
    expect(new Set(reached).size).toBe(3);

    const projector = spawnProjector(env);
    try {
      await waitUntilCaughtUp(crashed.db, client, allProjections.length, 120_000);
    } finally {
      projector.child.kill('SIGTERM');
      await projector.exited;
    }

    const reference = await database();
    await rebuildProjections(allProjections, { db: reference.db, client });
    expect(await snapshotLiveBuilds(crashed.db)).toEqual(await snapshotLiveBuilds(reference.db));
    expect(await crashed.db.selectFrom('projection_runtime.dead_letters').selectAll().execute()).toEqual([]);
    const events = await crashed.db.selectFrom('projection_runtime.builds').select(['projection', 'events_applied']).where('status', '=', 'live').execute();
    expect(events.every((build) => build.events_applied === '6003')).toBe(true);
  });
});
