import { allProjections } from '@ledgerline/projections';
import { rebuildProjections } from '@ledgerline/read-models';
import { appendCrmWorkload } from './support/crm-workload';
import { spawnProjector } from './support/projector-process';
import { useProjectorTestBed } from './support/projector-test-bed';
import { liveCheckpoints, snapshotLiveBuilds } from './support/read-model-snapshot';
import { waitUntilCaughtUp } from './support/wait';

jest.setTimeout(180_000);

describe('kill -9 of the projector while it applies batches', () => {
  const bed = useProjectorTestBed('ledgerline_crash');

  it('restarts from its checkpoints and ends with exactly the rows of an uninterrupted run', async () => {
    await appendCrmWorkload(bed.client, { customers: 60, eventsPerCustomer: 100, seed: 7 });
    const crashed = await bed.database();
    const env = { EVENTSTORE_URL: bed.store.url, DATABASE_URL: crashed.url, PROJECTOR_BATCH_SIZE: '50' };

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
      await waitUntilCaughtUp(crashed.db, bed.client, allProjections.length, 120_000);
    } finally {
      projector.child.kill('SIGTERM');
      await projector.exited;
    }

    const reference = await bed.database();
    await rebuildProjections(allProjections, { db: reference.db, client: bed.client });
    expect(await snapshotLiveBuilds(crashed.db)).toEqual(await snapshotLiveBuilds(reference.db));
    expect(await crashed.db.selectFrom('projection_runtime.dead_letters').selectAll().execute()).toEqual([]);
    const events = await crashed.db.selectFrom('projection_runtime.builds').select(['projection', 'events_applied']).where('status', '=', 'live').execute();
    expect(events.every((build) => build.events_applied === '6003')).toBe(true);
  });
});
