import { ensureDatabase, loadConfig, turnOffPretenuring } from '@ledgerline/config';
import { createEventStoreClient } from '@ledgerline/event-store';
import { allProjections, projectionNamed } from '@ledgerline/projections';
import { refreshLifetimeValueModel } from '@ledgerline/projections/lifetime-value';
import {
  createDatabase,
  ensureRuntimeSchema,
  projectionStatus,
  rebuildProjections,
  retryDeadLetter,
  type AnyProjection,
  type RuntimeDatabase,
} from '@ledgerline/read-models';
import type { Kysely } from 'kysely';
import { progressLine } from './progress-bar';

const USAGE = `npm run projections -- <command>

  rebuild <name> [<name> ...]   replay the log into new builds and swap them in (--all: every projection)
  status                        each projection's state, checkpoint, lag and dead letters
  dead-letters                  the parked events, with their errors
  retry <dead-letter id>        apply a parked event again (after fixing its cause)
  refresh-lifetime-value        refit RFM and the BG/NBD + Gamma-Gamma predictions as of today

projections: ${allProjections.map((p) => p.name).join(', ')}`;

/** Operators' command line for the read models; see USAGE. */
async function main(args: string[]): Promise<number> {
  turnOffPretenuring();
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === 'help') return console.log(USAGE), command === undefined ? 2 : 0;
  const config = loadConfig(process.env);
  await ensureDatabase(config.databaseUrl);
  const db = createDatabase<RuntimeDatabase>(config.databaseUrl, { maxConnections: 4, applicationName: 'ledgerline-projections-cli' });
  const client = createEventStoreClient(config.eventStoreUrl);
  try {
    await ensureRuntimeSchema(db as Kysely<unknown>);
    switch (command) {
      case 'rebuild':
        return await rebuild(db, client, rest);
      case 'status':
        console.log(JSON.stringify(await projectionStatus(db, client), null, 2));
        return 0;
      case 'dead-letters':
        console.table(
          await db
            .selectFrom('projection_runtime.dead_letters')
            .select(['dead_letter_id', 'projection', 'build_id', 'stream_id', 'revision', 'event_type', 'attempts', 'failed_at', 'error'])
            .orderBy('dead_letter_id')
            .execute(),
        );
        return 0;
      case 'retry':
        if (rest.length !== 1 || !/^\d+$/.test(rest[0])) return console.error('usage: retry <dead-letter id>'), 2;
        await retryDeadLetter(db, allProjections, rest[0]);
        console.log(`dead letter ${rest[0]} applied and removed`);
        return 0;
      case 'refresh-lifetime-value':
        console.log(JSON.stringify(await refreshLifetimeValueModel(db, { asOf: new Date() }), null, 2));
        return 0;
      default:
        console.error(`unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await client.dispose().catch(() => {});
    await db.destroy();
  }
}

async function rebuild(db: Kysely<RuntimeDatabase>, client: ReturnType<typeof createEventStoreClient>, names: string[]): Promise<number> {
  const projections: AnyProjection[] = [];
  for (const name of names.includes('--all') ? allProjections.map((p) => p.name) : names) {
    const projection = projectionNamed(name);
    if (projection === undefined) return console.error(`no projection named "${name}"\n\n${USAGE}`), 2;
    projections.push(projection);
  }
  if (projections.length === 0) return console.error(`name the projections to rebuild, or --all\n\n${USAGE}`), 2;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const tty = process.stdout.isTTY === true;
  let lastPrinted = 0;
  console.log(`rebuilding ${projections.map((p) => `${p.name} v${p.version}`).join(', ')} from the start of the log`);
  const builds = await rebuildProjections(projections, {
    db,
    client,
    signal: stop.signal,
    onProgress: (progress) => {
      const now = elapsed();
      if (!progress.done && now - lastPrinted < (tty ? 0.2 : 2)) return;
      lastPrinted = now;
      const line = progressLine(progress, now);
      if (tty) process.stdout.write(`\r${line}${progress.done ? '\n' : ''}`);
      else console.log(line);
    },
  });
  for (const build of builds) console.log(`${build.projection} v${build.version}: build ${build.buildId} is live (schema ${build.schema})`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
