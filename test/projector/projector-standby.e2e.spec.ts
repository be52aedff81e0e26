import { hostname } from 'node:os';
import { allProjections } from '@ledgerline/projections';
import { projectorLockHolder, rebuildProjections } from '@ledgerline/read-models';
import { appendCrmWorkload } from './support/crm-workload';
import { spawnProjector } from './support/projector-process';
import { useProjectorTestBed } from './support/projector-test-bed';
import { liveCheckpoints, snapshotLiveBuilds } from './support/read-model-snapshot';
import { waitUntilCaughtUp } from './support/wait';

jest.setTimeout(180_000);

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('two projector processes on one database', () => {
  const bed = useProjectorTestBed('ledgerline_standby');

  it('one leads while the other stands by; kill -9 the leader and the standby finishes with exactly the rows of one run', async () => {
    await appendCrmWorkload(bed.client, { customers: 60, eventsPerCustomer: 100, seed: 11 });
    const { url, db } = await bed.database();
    const env = { EVENTSTORE_URL: bed.store.url, DATABASE_URL: url, PROJECTOR_BATCH_SIZE: '50', PROJECTOR_STANDBY_RETRY_MS: '100' };

    const running: ReturnType<typeof spawnProjector>[] = [];
    const spawn = () => {
      const projector = spawnProjector(env);
      running.push(projector);
      return projector;
    };
    try {
      const first = spawn();
      await until(() => first.output().includes('projector: leading'), 'the first projector to lead');
      const second = spawn();
      await until(() => second.output().includes('projector: standby'), 'the second projector to stand by');
      expect(second.output()).toContain(`${hostname()}:${first.child.pid} holds the projector lock`);
      expect(await projectorLockHolder(db)).toBe(`${hostname()}:${first.child.pid}`);

      // Kill the leader in the middle of its catch-up, while it writes batches.
      let batches = 0;
      let last = '';
      await until(async () => {
        const checkpoint = JSON.stringify(await liveCheckpoints(db).catch(() => ({})));
        if (checkpoint !== last && checkpoint !== '{}') batches++;
        last = checkpoint;
        return batches >= 4;
      }, 'the leader to apply a few batches');
      const standingBy = second.output();
      first.child.kill('SIGKILL');
      await first.exited;

      await until(() => second.output().includes('projector: leading'), 'the standby to take over', 30_000);
      await waitUntilCaughtUp(db, bed.client, allProjections.length, 120_000);
      expect(await projectorLockHolder(db)).toBe(`${hostname()}:${second.child.pid}`);

      // While it stood by, the second projector did nothing but try the lock; and neither ever lost a
      // checkpoint compare-and-set to the other.
      expect(standingBy).not.toMatch(/new build|went live|projections live|retrying in/);
      expect(first.output() + second.output()).not.toContain('moved elsewhere');
    } finally {
      for (const projector of running) {
        projector.child.kill('SIGTERM');
        await projector.exited;
      }
    }
    expect(await projectorLockHolder(db)).toBeNull();

    const reference = await bed.database();
    await rebuildProjections(allProjections, { db: reference.db, client: bed.client });
    expect(await snapshotLiveBuilds(db)).toEqual(await snapshotLiveBuilds(reference.db));
    expect(await db.selectFrom('projection_runtime.dead_letters').selectAll().execute()).toEqual([]);
    const builds = await db.selectFrom('projection_runtime.builds').select(['projection', 'events_applied']).where('status', '=', 'live').execute();
    expect(builds.map((build) => build.events_applied)).toEqual(allProjections.map(() => '6003'));
  });
});
