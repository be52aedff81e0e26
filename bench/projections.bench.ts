/**
 * The projections suite: a rebuild of every projection over a generated year of CRM events (1,000,000
 * at BENCH_SCALE=1), beside the same rows written by plain batched UPSERTs in the same run; the
 * projector's peak memory; then the latency of each analytics endpoint of apps/api over that data.
 */
import { loadavg } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { createDatabase, DEFAULT_MAX_BATCH_SIZE } from '@ledgerline/read-models';
import { refreshLifetimeValueModel } from '@ledgerline/projections/lifetime-value';
import { createTestDatabase, RunningEventStore, startEventStore, TestDatabase } from '@ledgerline/testing';
import { RunningApi, startApi } from './api-process';
import { CrmLog, LOCATIONS, YEAR_END, YEAR_START } from './projections-crm-log';
import { fillLog } from './projections-log-fill';
import { queryScenarios } from './projections-queries';
import { runQueryLoad } from './projections-query-load';
import { rawUpserts } from './projections-raw-upserts';
import { runRebuild } from './projections-rebuild';
import { BenchSuite, formatNumber, ReportBuilder, SuiteReport } from './report';
import { now, percentile, secondsSince, withTimeout } from './timing';

/** BENCH_SCALE=0.02 is a smoke run (20,000 events, about 15 s); 1 is the real one (about 8 minutes). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1) || 1;
const EVENTS = Math.max(5_000, Math.round(1_000_000 * SCALE));
const CUSTOMERS = Math.max(100, Math.round(50_000 * SCALE));
const HEAVY_EVENTS = Math.max(500, Math.round(100_000 * SCALE));
const SEED = 20_250_101;
/** Each stream gets at most one append a month: the log runs forward in time a month at a time. */
const WINDOWS = 12;
/** The projector's default (PROJECTOR_BATCH_SIZE); BENCH_PROJECTOR_BATCH_SIZE tries another. */
const MAX_BATCH_SIZE = Number(process.env.BENCH_PROJECTOR_BATCH_SIZE ?? DEFAULT_MAX_BATCH_SIZE);
const RAW_BATCH_ROWS = 1000;
const MIB = 1024 * 1024;
/** BENCH_KEEP_DATABASE=1 leaves the read models in place afterwards, to study the queries' plans at scale. */
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1';
/** BENCH_QUERIES=0 stops after the rebuild and its baseline, to compare rebuilds quickly. */
const QUERIES = process.env.BENCH_QUERIES !== '0';

const CLIENTS = 4;
/** Untimed requests of each scenario, all of them in turn, before any is timed (warmUpApi). */
const API_WARM_UP = Math.max(50, Math.round(300 * SCALE));
/** Every endpoint runs once per round, the rounds one after the other (measureInRounds). */
const ROUNDS = 5;
/** Per round and endpoint: untimed requests, then timed ones. */
const WARM_UP = Math.max(10, Math.round(20 * SCALE));
const REQUESTS = Math.max(40, Math.round(400 * SCALE));
/** After those rounds, each endpoint again with one client: rounds, and timed requests per round. */
const SOLO_ROUNDS = 2;
const SOLO_REQUESTS = Math.max(40, Math.round(200 * SCALE));
/** How deep the timed timeline walks go (pages of 50), and how many each client makes per round. */
const DEEP_PAGES = Math.min(200, Math.floor(HEAVY_EVENTS / 50) - 2);
const DEEP_WALKS = 1;
const P99_TARGET_MS = 20;
const API_KEY = 'bench-analyst-0123456789abcdef';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const FROM = new Date(YEAR_START).toISOString().slice(0, 10);
const TO = new Date(YEAR_END - 1).toISOString().slice(0, 10);

const QUERY_OPTIONS = { customers: CUSTOMERS, seed: SEED, from: FROM, to: TO };
const DEEP_PAGES_NAME = 'timeline.deep_pages';

/** Every query figure's stem, in the order they are measured. */
function queryNames(): string[] {
  const [first, ...others] = queryScenarios(QUERY_OPTIONS).map((scenario) => scenario.name);
  return [first, DEEP_PAGES_NAME, ...others];
}

export const projectionsSuite: BenchSuite = {
  name: 'projections',
  description: `rebuild of all projections over ${EVENTS.toLocaleString('en-US')} events vs raw batched UPSERTs of the same rows; projector memory; analytics query latency`,
  run: runProjectionsSuite,
};

interface Setup {
  store: RunningEventStore;
  database: TestDatabase;
  report: ReportBuilder;
}

async function runProjectionsSuite(): Promise<SuiteReport> {
  const report = new ReportBuilder('projections')
    .compare('rebuild/raw_upserts', 'rebuild', 'rebuild.raw_upserts')
    .target({ label: 'rebuild >= 50% of raw batched UPSERT throughput', ratio: 'rebuild/raw_upserts', min: 0.5 })
    .target({ label: 'projector peak memory under 512 MiB', figure: 'rebuild.peak_rss', max: 512 });
  if (QUERIES) for (const name of queryNames()) report.target({ label: `${name} p99 under ${P99_TARGET_MS} ms`, figure: `query.${name}.p99`, max: P99_TARGET_MS });
  report.note(`machine load average at the start: ${loadavg().map((load) => load.toFixed(2)).join(' ')} (2 cores; other work on the machine slows every figure)`);
  let store: RunningEventStore | undefined;
  let database: TestDatabase | undefined;
  try {
    store = await startEventStore();
    database = await createTestDatabase('ledgerline_bench_projections');
    const setup: Setup = { store, database, report };
    const filled = await phase(report, 'fill', 600_000, () => fill(setup));
    const rebuilt = filled && (await phase(report, 'rebuild', 3_600_000, () => rebuild(setup)));
    if (rebuilt) {
      await phase(report, 'raw upserts', 1_800_000, () => rawBaseline(setup, rebuilt));
      if (QUERIES) await phase(report, 'queries', 1_800_000, () => queries(setup));
    }
  } catch (error) {
    report.error('setup', error);
  } finally {
    if (KEEP_DATABASE && database) report.note(`database kept (BENCH_KEEP_DATABASE=1): ${database.url}`);
    else await database?.drop().catch((error: unknown) => report.error('cleanup', error));
    if (store) {
      if (report.hasErrors()) report.note(`event store output (tail):\n${store.output().slice(-1500)}`);
      await store.stop();
      await store.cleanup();
    }
  }
  return report.build();
}

/** Runs a phase, turning a failure into an error of the report; undefined when it failed. */
async function phase<T>(report: ReportBuilder, name: string, timeoutMs: number, work: () => Promise<T>): Promise<T | undefined> {
  console.log(`  ${name}…`);
  try {
    return await withTimeout(work(), timeoutMs, name);
  } catch (error) {
    report.error(name, error);
    return undefined;
  }
}

async function fill({ store, report }: Setup): Promise<true> {
  const log = new CrmLog({ events: EVENTS, customers: CUSTOMERS, heavyEvents: HEAVY_EVENTS, seed: SEED, windows: WINDOWS });
  const filled = await fillLog(store.url, log);
  report.note(
    `log: ${filled.events.toLocaleString('en-US')} events (${LOCATIONS.length} locations, ${CUSTOMERS.toLocaleString('en-US')} customers, one of them with ` +
      `${HEAVY_EVENTS.toLocaleString('en-US')} events; a year of purchases, refunds, calls, emails, complaints, surveys, preferences, consents), ` +
      `appended in ${filled.seconds.toFixed(1)} s (${formatNumber(filled.events / filled.seconds)} events/s, ${filled.appends.toLocaleString('en-US')} appends, ` +
      `${WINDOWS} monthly windows, client CPU ${filled.cpuSeconds.toFixed(1)} s; untimed setup)`,
  );
  return true;
}

interface Rebuilt {
  /** Of the live builds. */
  schemas: string[];
  seconds: number;
}

/** Rebuilds every projection in a child process. */
async function rebuild({ store, database, report }: Setup): Promise<Rebuilt> {
  const run = await runRebuild({
    eventStoreUrl: store.url,
    eventStorePid: store.pid,
    databaseUrl: database.url,
    databaseName: database.name,
    maxBatchSize: MAX_BATCH_SIZE,
    timeoutMs: 3_600_000,
    onProgress: (line) => console.log(`    ${line}`),
  });
  const { result } = run;
  report
    .figure('rebuild', result.events / result.seconds, 'events/s')
    .figure('rebuild.seconds', result.seconds, 's')
    .figure('rebuild.peak_rss', result.maxRssBytes / MIB, 'MiB')
    .figure('rebuild.projector_cpu', result.cpuSeconds, 's');
  if (run.postgresCpuSeconds !== undefined) report.figure('rebuild.postgres_cpu', run.postgresCpuSeconds, 's');
  if (run.eventStoreCpuSeconds !== undefined) report.figure('rebuild.eventstore_cpu', run.eventStoreCpuSeconds, 's');
  const applied = Object.entries(result.applySeconds).map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`);
  report.note(
    `rebuild: ${result.events.toLocaleString('en-US')} events in ${result.batches} batches (maxBatchSize ${MAX_BATCH_SIZE}), ${result.seconds.toFixed(1)} s from the start of ` +
      `rebuildProjections until all ${Object.keys(result.schemas).length} builds were live; time inside each projection's apply (SQL included): ${applied.join(', ')}; ` +
      `the rest is the runtime (reading and parsing events, savepoints, checkpoints, commits)`,
  );
  report.note(
    `rebuild CPU: projector process ${result.cpuSeconds.toFixed(1)} s, ` +
      (run.postgresCpuSeconds === undefined ? 'PostgreSQL backends not visible in /proc, ' : `its ${run.postgresBackends} PostgreSQL backend(s) ${run.postgresCpuSeconds.toFixed(1)} s, `) +
      `event store ${run.eventStoreCpuSeconds?.toFixed(1) ?? 'n/a'} s; peak RSS ${(result.maxRssBytes / MIB).toFixed(0)} MiB (getrusage), ${(run.sampledPeakRssBytes / MIB).toFixed(0)} MiB sampled from /proc`,
  );
  for (const [projection, count] of Object.entries(result.eventsApplied)) {
    if (count !== result.events) report.error('rebuild', new Error(`${projection} applied ${count} of ${result.events} events`));
  }
  if (result.deadLetters > 0) report.error('rebuild', new Error(`${result.deadLetters} events were parked as dead letters`));
  return { schemas: Object.values(result.schemas), seconds: result.seconds };
}

async function rawBaseline({ database, report }: Setup, { schemas, seconds }: Rebuilt): Promise<void> {
  const raw = await rawUpserts(database.url, schemas, RAW_BATCH_ROWS);
  report
    .figure('rebuild.raw_upserts', EVENTS / raw.seconds, 'events/s')
    .figure('raw_upserts.rows', raw.rows / raw.seconds, 'rows/s')
    .figure('raw_upserts.seconds', raw.seconds, 's');
  const tables = [...raw.tables].sort((a, b) => b.seconds - a.seconds).map((t) => `${t.table.replace(/^rm_(.+)_v\d+_b\d+\./, '$1.')} ${t.rows.toLocaleString('en-US')} rows ${t.seconds.toFixed(1)} s`);
  report.note(
    `raw_upserts: the ${raw.rows.toLocaleString('en-US')} rows the rebuild left in its ${raw.tables.length} tables, read out (untimed), then written into empty ` +
      `CREATE TABLE … (LIKE … INCLUDING ALL) copies by ${raw.statements.toLocaleString('en-US')} INSERT … VALUES (${RAW_BATCH_ROWS} rows) ON CONFLICT (primary key) DO UPDATE ` +
      `statements, one connection, one transaction each: ${raw.seconds.toFixed(1)} s of writes (${tables.join(', ')}). ` +
      `rebuild.raw_upserts = ${EVENTS.toLocaleString('en-US')} events / that time, so rebuild/raw_upserts = raw write time / rebuild time = ${raw.seconds.toFixed(1)} s / ${seconds.toFixed(1)} s`,
  );
}

/**
 * Vacuums and analyzes the read models before the queries, as autovacuum would have long before a
 * year-old data set is queried: the timed queries then neither race autovacuum nor set hint bits,
 * and the planner has statistics. Notes how many of the tables had never been analyzed.
 */
async function settle(db: Kysely<unknown>, report: ReportBuilder): Promise<void> {
  const { rows } = await sql<{ tables: string; unanalyzed: string; autovacuum: string }>`
    SELECT count(*) AS tables, count(*) FILTER (WHERE last_analyze IS NULL AND last_autoanalyze IS NULL) AS unanalyzed, current_setting('autovacuum') AS autovacuum
    FROM pg_stat_user_tables WHERE schemaname LIKE 'rm\_%'`.execute(db);
  const started = now();
  await sql`VACUUM (ANALYZE)`.execute(db);
  report.note(
    `before the queries (untimed): VACUUM (ANALYZE) of the bench database, ${secondsSince(started).toFixed(1)} s; when it started, ${rows[0].unanalyzed} of the ` +
      `${rows[0].tables} read-model tables had never been analyzed (goLive does not analyze a new build; autovacuum is ${rows[0].autovacuum} on this server)`,
  );
}

async function queries({ store, database, report }: Setup): Promise<void> {
  const db = createDatabase(database.url, { maxConnections: 2, applicationName: 'ledgerline-bench' });
  try {
    const started = now();
    const refreshed = await refreshLifetimeValueModel(db, { asOf: TO });
    report.figure('ltv_model_refresh', secondsSince(started), 's');
    const fits = refreshed.fits.map((fit) => `${fit.currency} ${fit.customers} (BG/NBD ${fit.bgNbd}, Gamma-Gamma ${fit.gammaGamma})`);
    report.note(`ltv_model_refresh: refreshLifetimeValueModel(asOf ${refreshed.asOf}) scored ${refreshed.customers.toLocaleString('en-US')} customer-currencies; fits: ${fits.join(', ')}`);
    await settle(db, report);
  } finally {
    await db.destroy();
  }

  let api: RunningApi | undefined;
  try {
    api = await startApi({
      EVENTSTORE_URL: store.url,
      DATABASE_URL: database.url,
      REDIS_URL,
      API_KEYS: JSON.stringify({ [API_KEY]: { name: 'bench-analyst', scopes: ['analytics:read'] } }),
    });
    if (api.pid === undefined) throw new Error('the API process has no pid');
    const { endpoints: measured, solo, stalls, heapUsed } = await runQueryLoad(
      {
        baseUrl: api.baseUrl,
        apiKey: API_KEY,
        apiPid: api.pid,
        databaseName: database.name,
        queries: QUERY_OPTIONS,
        clients: CLIENTS,
        apiWarmUp: API_WARM_UP,
        rounds: ROUNDS,
        warmUp: WARM_UP,
        requests: REQUESTS,
        deepPages: DEEP_PAGES,
        deepWalks: DEEP_WALKS,
        deepPagesName: DEEP_PAGES_NAME,
        soloRounds: SOLO_ROUNDS,
        soloRequests: SOLO_REQUESTS,
      },
      1_500_000,
    );
    const scenarios = queryScenarios(QUERY_OPTIONS);
    for (const { name, p50, p99, roundP99s, apiCpuMs, postgresCpuMs } of measured) {
      report.figure(`query.${name}.p50`, p50, 'ms').figure(`query.${name}.p99`, p99, 'ms').figure(`query.${name}.cpu`, apiCpuMs + postgresCpuMs, 'ms');
      // Beside the target's pooled p99: one slow spell in one round fills the pooled top 1% on its own.
      report.figure(`query.${name}.p99_round_median`, percentile(roundP99s, 50), 'ms');
    }
    // Information beside the targets: the same requests with nothing else asked of the cores.
    for (const { name, p99 } of solo) report.figure(`query.${name}.p99_one_client`, p99, 'ms');
    const deepCount = measured.find((figures) => figures.name === DEEP_PAGES_NAME)?.count ?? 0;
    report.note(
      `queries: first ${API_WARM_UP} untimed requests of each endpoint, all in turn, and one walk of the heavy customer's timeline (warmUpApi: V8 optimises the API's code as it runs); ` +
        `then ${ROUNDS} rounds, each running every endpoint in turn, ${CLIENTS} clients at once: ${WARM_UP} untimed requests then ${REQUESTS} timed (from request to last byte, keep-alive). ` +
        `p50 and p99 are over an endpoint's timed requests of all rounds: measured one endpoint at a time, a slow spell of this shared machine decided the p99 of whichever endpoint ran then. ` +
        scenarios.map((s) => `${s.name} = ${s.describe}`).join('; ') +
        `; ${DEEP_PAGES_NAME} = pages 2-${DEEP_PAGES} (limit 50) of the heavy customer's timeline, following nextCursor, ${DEEP_WALKS} walk(s) per client per round after one untimed walk (${deepCount} pages timed)`,
    );
    report.note(`query p99 of each round on its own, in round order (ms): ${measured.map((figures) => `${figures.name} ${figures.roundP99s.map((p99) => p99.toFixed(1)).join(' / ')}`).join('; ')}`);
    report.note(
      `query clock: the client process (projections-query-worker.ts) times the requests and shares the cores, so while it is stopped every request in flight stays on the clock. ` +
        `Over the timed rounds a 1 ms timer on its event loop fired at gaps of up to ${stalls.loopDelayP99.toFixed(1)} ms at p99 and ${stalls.loopDelayMax.toFixed(1)} ms at most; its ${stalls.gcPauses} garbage collections ` +
        `paused it ${stalls.gcPauseTotal.toFixed(0)} ms in all (p50 ${stalls.gcPauseP50.toFixed(1)} ms, max ${stalls.gcPauseMax.toFixed(1)} ms), with ${(heapUsed / MIB).toFixed(0)} MiB of heap in use when they started`,
    );
    report.note(
      `query with one client: after the timed rounds, ${SOLO_ROUNDS} more rounds with a single client (${WARM_UP} untimed requests then ${SOLO_REQUESTS} timed; the deep pages: ${DEEP_WALKS} timed walk(s) after one untimed), ` +
        `over other customers and locations; query.<name>.p99_one_client is over those requests, and p50 / CPU per request (ms) were: ` +
        solo.map((figures) => `${figures.name} ${figures.p50.toFixed(2)} / ${(figures.apiCpuMs + figures.postgresCpuMs).toFixed(2)}`).join('; ') +
        `. With ${CLIENTS} clients on 2 cores, the latency is mostly waiting for a core; with one, it is mostly the request's own work`,
    );
    report.note(
      `query CPU per request, ms of the API process + ms of its PostgreSQL backends, over each endpoint's untimed and timed requests (query.<name>.cpu is the sum; ` +
        `${CLIENTS} clients share 2 cores with the API, PostgreSQL and this client, so a p50 near ${CLIENTS / 2} × cpu means the machine was the limit): ` +
        measured.map((figures) => `${figures.name} ${figures.apiCpuMs.toFixed(2)} + ${figures.postgresCpuMs.toFixed(2)}`).join('; '),
    );
  } catch (error) {
    if (api) report.note(`API output (tail):\n${api.output().slice(-1500)}`);
    throw error;
  } finally {
    await api?.stop();
  }
}
