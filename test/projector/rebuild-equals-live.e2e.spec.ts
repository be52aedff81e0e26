import type { Kysely } from 'kysely';
import { createEventStoreClient, type EventStoreClient } from '@ledgerline/event-store';
import { allProjections } from '@ledgerline/projections';
import { createDatabase, rebuildProjections, runProjector, type RuntimeDatabase } from '@ledgerline/read-models';
import { createTestDatabase, startEventStore, type RunningEventStore, type TestDatabase } from '@ledgerline/testing';
import { appendCrmWorkload } from './support/crm-workload';
import { snapshotLiveBuilds } from './support/read-model-snapshot';
import { waitUntilCaughtUp } from './support/wait';

jest.setTimeout(120_000);

describe('a rebuild gives exactly the rows of the live run, and swaps in under a running projector', () => {
  let store: RunningEventStore;
  let client: EventStoreClient;
  let database: TestDatabase;
  let db: Kysely<RuntimeDatabase>;

  beforeAll(async () => {
    store = await startEventStore();
    client = createEventStoreClient(store.url);
    database = await createTestDatabase('ledgerline_rebuild');
    db = createDatabase<RuntimeDatabase>(database.url, { maxConnections: 6 });
  });
  afterAll(async () => {
    await client?.dispose();
    await store?.stop();
    await store?.cleanup();
    await db?.destroy();
    await database?.drop();
  });

  it('matches the live rows, then the projector follows the new builds', async () => {
    const stop = new AbortController();
    // Small batches live, large ones in the rebuild: the rows must not depend on the cutting.
    const projector = runProjector({ db, client, projections: allProjections, maxBatchSize: 40, backoffMs: 50, maxBackoffMs: 200 }, stop.signal);
    try {
      for (const seed of [1, 2, 3]) await appendCrmWorkload(client, { customers: 25, eventsPerCustomer: 40, seed });
      await waitUntilCaughtUp(db, client, allProjections.length);
      const live = await snapshotLiveBuilds(db);
      const liveBuilds = await db.selectFrom('projection_runtime.builds').select('build_id').where('status', '=', 'live').execute();
      expect(Object.keys(live).length).toBeGreaterThan(8);
      expect(live['contact-timeline.timeline_entries'].length).toBeGreaterThan(2900);

      const rebuilt = await rebuildProjections(allProjections, { db, client, maxBatchSize: 1000 });
      expect(rebuilt.map((build) => build.projection).sort()).toEqual(allProjections.map((p) => p.name).sort());
      expect(rebuilt.map((build) => build.buildId)).not.toEqual(expect.arrayContaining(liveBuilds.map((b) => b.build_id)));
      expect(await snapshotLiveBuilds(db)).toEqual(live);

      // The projector's next compare-and-set on the retired builds fails; it restarts on the new ones.
      await appendCrmWorkload(client, { customers: 5, eventsPerCustomer: 20, seed: 4 });
      await waitUntilCaughtUp(db, client, allProjections.length);
      const after = await snapshotLiveBuilds(db);
      expect(after['contact-timeline.timeline_entries'].length).toBe(live['contact-timeline.timeline_entries'].length + 100);
      expect(await db.selectFrom('projection_runtime.dead_letters').selectAll().execute()).toEqual([]);
    } finally {
      stop.abort();
      await projector;
    }
  });
});
