/**
 * The projector side of the projections suite, run as its own process so that its memory and CPU are
 * its own: rebuilds every projection from the start of the log with rebuildProjections, as
 * `npm run projections -- rebuild --all` does. Prints one line `RESULT <json>` (a RebuildResult) on stdout.
 *
 *   node -r @swc-node/register bench/projections-rebuild-worker.ts <eventstore url> <database url> <max batch size>
 *
 * Each projection's `apply` is wrapped to add up the time spent in it (its SQL round trips included);
 * the wrapper does nothing else.
 */
import { turnOffPretenuring } from '@ledgerline/config';
import { createEventStoreClient } from '@ledgerline/event-store';
import { allProjections } from '@ledgerline/projections';
import { createDatabase, rebuildProjections, type AnyProjection, type RuntimeDatabase } from '@ledgerline/read-models';
import type { RebuildResult } from './projections-rebuild';
import { cpuNow, now, secondsSince } from './timing';
import { printResult, runAsWorker } from './worker-process';

async function main([url, databaseUrl, batchSizeText]: string[]): Promise<void> {
  turnOffPretenuring(); // as the projector process does
  const maxBatchSize = Number(batchSizeText);
  if (!url || !databaseUrl || !Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
    throw new Error('usage: projections-rebuild-worker.ts <eventstore url> <database url> <max batch size>');
  }
  // As the projector process opens them (apps/projector/src/main.ts).
  const db = createDatabase<RuntimeDatabase>(databaseUrl, { maxConnections: 4, applicationName: 'ledgerline-bench-projector' });
  const client = createEventStoreClient(url);
  try {
    const applySeconds: Record<string, number> = {};
    const projections = allProjections.map((projection) => timedApply(projection, applySeconds));
    let events = 0;
    let batches = 0;
    let reported = 0;
    const started = now();
    const cpu = cpuNow();
    // The operators' rebuild itself (npm run projections -- rebuild --all): new builds, one read of
    // the log feeding them all, then the swap.
    await rebuildProjections(projections, {
      db,
      client,
      maxBatchSize,
      onProgress: (progress) => {
        if (progress.done) return;
        events = progress.events;
        batches++;
        if (events - reported >= 100_000) {
          reported = events;
          console.error(`rebuild: ${events} events in ${secondsSince(started).toFixed(1)} s`);
        }
      },
    });
    const seconds = secondsSince(started);
    const cpuSeconds = cpuNow() - cpu;

    const builds = await db.selectFrom('projection_runtime.builds').select(['projection', 'events_applied', 'schema_name']).where('status', '=', 'live').execute();
    const { count } = await db.selectFrom('projection_runtime.dead_letters').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    const result: RebuildResult = {
      events,
      batches,
      seconds,
      cpuSeconds,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      applySeconds,
      eventsApplied: Object.fromEntries(builds.map((build) => [build.projection, Number(build.events_applied)])),
      deadLetters: Number(count),
      schemas: Object.fromEntries(builds.map((build) => [build.projection, build.schema_name])),
    };
    printResult(result);
  } finally {
    await client.dispose().catch(() => {});
    await db.destroy();
  }
}

function timedApply(projection: AnyProjection, spent: Record<string, number>): AnyProjection {
  spent[projection.name] = 0;
  return {
    ...projection,
    async apply(events, tx, planned) {
      const started = now();
      try {
        await projection.apply(events, tx, planned);
      } finally {
        spent[projection.name] += secondsSince(started);
      }
    },
  };
}

runAsWorker(main);
