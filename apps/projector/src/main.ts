import { ensureDatabase, integerVar, loadConfig, turnOffPretenuring } from '@ledgerline/config';
import { createEventStoreClient } from '@ledgerline/event-store';
import { allProjections } from '@ledgerline/projections';
import { createDatabase, DEFAULT_MAX_BATCH_SIZE, runProjector, type RuntimeDatabase } from '@ledgerline/read-models';
import type { Kysely } from 'kysely';
import { scheduleLifetimeValueRefresh } from './lifetime-value-schedule';

/** The projector process: keeps every read model following the event log until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  turnOffPretenuring();
  const config = loadConfig(process.env, {
    maxBatchSize: integerVar('PROJECTOR_BATCH_SIZE', { default: DEFAULT_MAX_BATCH_SIZE, min: 1, max: 10_000 }),
    lifetimeValueEveryMinutes: integerVar('LIFETIME_VALUE_REFRESH_MINUTES', { default: 60, min: 1 }),
    standbyRetryMs: integerVar('PROJECTOR_STANDBY_RETRY_MS', { default: 2000, min: 10, max: 600_000 }),
  });
  await ensureDatabase(config.databaseUrl);
  const db = createDatabase<RuntimeDatabase>(config.databaseUrl, { maxConnections: 4, applicationName: 'ledgerline-projector' });
  const client = createEventStoreClient(config.eventStoreUrl);
  const stop = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop.abort());
  const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);
  log(`projector: ${allProjections.map((p) => `${p.name} v${p.version}`).join(', ')}`);
  // Only the projector that holds the projector lock writes, the refits included; the others stand by.
  let leading = false;
  scheduleLifetimeValueRefresh(db as Kysely<unknown>, config.lifetimeValueEveryMinutes, log, stop.signal, () => leading);
  try {
    await runProjector(
      {
        db,
        client,
        projections: allProjections,
        maxBatchSize: config.maxBatchSize,
        log,
        lock: { databaseUrl: config.databaseUrl, retryMs: config.standbyRetryMs },
        onLeading: (now) => (leading = now),
      },
      stop.signal,
    );
  } finally {
    await client.dispose().catch(() => {});
    await db.destroy();
  }
  log('projector stopped');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
