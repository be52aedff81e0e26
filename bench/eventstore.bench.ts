/**
 * The event store suite: appends, $all reads and catch-up subscriptions through the real
 * @eventstore/db-client against the embedded server, each beside a raw-file baseline on the same disk.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { RunningEventStore, startEventStore } from '@ledgerline/testing';
import { BenchEvent, callLoggedRange } from './crm-events';
import { appendBatches, appendConcurrently, appendOneByOne, catchUp, readWholeLog } from './eventstore-ops';
import { rawFsyncWrites, rawSequentialRead, writeRecordFile } from './raw-baselines';
import { BenchSuite, ReportBuilder, SuiteReport } from './report';
import { bestOf, clientCeiling, percentile, perSecond, Timed, total, withTimeout } from './timing';

/** BENCH_SCALE=0.1 gives a quick smoke run; 1 is the real one (about 1-2 minutes). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1) || 1;
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));

/** Appends and their raw baselines alternate in rounds, so both see the same (noisy) machine. */
const ROUNDS = 5;
const SINGLE_SECONDS = 5 * SCALE;
const SINGLE_MAX = scaled(20_000);
const BATCH_SIZE = 100;
const BATCH_EVENTS = scaled(30_000);
/** Events in the log (the append phases plus a bulk fill) before the read phases. */
const LOG_EVENTS = scaled(120_000);
const FILL_BATCH = 500;
const FILL_CONCURRENCY = 4;
const READ_RUNS = 2;
const RAW_READ_RUNS = 3;
const PHASE_TIMEOUT_MS = 180_000;
/** Benchmark an already running server (e.g. a real EventStoreDB, for comparison) instead of starting the embedded one. */
const EXTERNAL_URL = process.env.BENCH_EVENTSTORE_URL;

export const eventstoreSuite: BenchSuite = {
  name: 'eventstore',
  description: 'appends (single, batches of 100), $all reads and catch-up subscriptions vs raw fsync writes / file reads',
  run: runEventStoreSuite,
};

/** Shared by the phases: the client, where raw baselines write, and what the server has acknowledged. */
class Run {
  /** Framed bytes of every acknowledged event, for the read baseline. */
  readonly records: Buffer[] = [];
  lastEventId?: string;
  private sequence = 0;

  constructor(
    readonly client: EventStoreDBClient,
    readonly rawDir: string,
    readonly report: ReportBuilder,
  ) {}

  /** The next `count` benchmark events (generated before any timing starts). */
  take(count: number): BenchEvent[] {
    const events = callLoggedRange(this.sequence, count);
    this.sequence += count;
    return events;
  }

  readonly appended = (events: readonly BenchEvent[]): void => {
    for (const e of events) this.records.push(e.record);
    this.lastEventId = events[events.length - 1].event.id;
  };

  rawFile(name: string): string {
    return path.join(this.rawDir, name);
  }
}

async function runEventStoreSuite(): Promise<SuiteReport> {
  const report = new ReportBuilder('eventstore')
    .compare('append.single/raw_fsync', 'append.single', 'append.single.raw_fsync')
    .compare('append.batch100/raw_fsync', 'append.batch100', 'append.batch100.raw_fsync')
    .compare('append.batch100/client_ceiling', 'append.batch100', 'append.batch100.client_ceiling')
    .compare('read.all/raw_read', 'read.all', 'read.raw_file')
    .compare('read.all/client_ceiling', 'read.all', 'read.all.client_ceiling')
    .compare('subscribe.all/client_ceiling', 'subscribe.all.catchup', 'subscribe.all.client_ceiling')
    .compare('subscribe.all/raw_read', 'subscribe.all.catchup', 'read.raw_file')
    .target({ label: 'batched appends >= 25% of raw fsync writes', ratio: 'append.batch100/raw_fsync', min: 0.25 })
    .target({ label: '$all reads >= 100,000 events/s', figure: 'read.all', min: 100_000 });
  const rawDir = await mkdtemp(path.join(tmpdir(), 'ledgerline-bench-raw-'));
  let server: RunningEventStore | undefined;
  let client: EventStoreDBClient | undefined;
  try {
    if (EXTERNAL_URL) {
      report.note(`benchmarking the server at ${EXTERNAL_URL} (BENCH_EVENTSTORE_URL); its disk may differ from the baselines'`);
      client = EventStoreDBClient.connectionString(EXTERNAL_URL);
    } else {
      server = await startEventStore();
      client = EventStoreDBClient.connectionString(server.url);
      const same = statSync(server.dataDir).dev === statSync(rawDir).dev;
      report.note(`server data in ${server.dataDir}, raw baselines in ${rawDir}: ${same ? 'same filesystem' : 'DIFFERENT filesystems'}`);
    }
    const run = new Run(client, rawDir, report);
    const phase = async (name: string, work: (run: Run) => Promise<void>) => {
      try {
        await withTimeout(work(run), PHASE_TIMEOUT_MS, name);
      } catch (error) {
        report.error(name, error);
      }
    };

    await phase('warm-up', warmUp);
    await phase('append.single', singleAppends);
    await phase('append.batch100', batchedAppends);
    await phase('bulk fill', bulkFill);
    await phase('read.raw_file', rawRead);
    await phase('read.all', readAll);
    await phase('subscribe.all', subscribeAll);
  } catch (error) {
    report.error('setup', error);
  } finally {
    await client?.dispose().catch(() => undefined);
    if (server) {
      if (report.hasErrors()) report.note(`server output (tail):\n${server.output().slice(-2000)}`);
      await server.stop();
      await server.cleanup();
    }
    await rm(rawDir, { recursive: true, force: true });
  }
  return report.build();
}

async function warmUp(run: Run): Promise<void> {
  await appendOneByOne(run.client, run.take(scaled(200)), Infinity, run.appended);
  await appendBatches(run.client, run.take(scaled(5) * BATCH_SIZE), BATCH_SIZE, 'callbatch-warmup', run.appended);
  rawFsyncWrites({ file: run.rawFile('warmup.bin'), records: run.take(50).map((e) => e.record), perWrite: 1 });
  const read = await readWholeLog(run.client, 100);
  if (read.count === 0) throw new Error('$all read returned nothing after the warm-up appends');
}

async function singleAppends(run: Run): Promise<void> {
  const served: Timed[] = [];
  const raw: Timed[] = [];
  const latenciesMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const events = run.take(Math.ceil(SINGLE_MAX / ROUNDS));
    const result = await appendOneByOne(run.client, events, SINGLE_SECONDS / ROUNDS, run.appended);
    served.push(result.timed);
    latenciesMs.push(...result.latenciesMs);
    const records = events.slice(0, result.timed.count).map((e) => e.record);
    raw.push(rawFsyncWrites({ file: run.rawFile(`single-${round}.bin`), records, perWrite: 1, maxSeconds: SINGLE_SECONDS / ROUNDS }));
  }
  const [s, r] = [total(served), total(raw)];
  run.report
    .figure('append.single', perSecond(s), 'events/s')
    .figure('append.single.raw_fsync', perSecond(r), 'events/s')
    .figure('append.single.p50', percentile(latenciesMs, 50), 'ms')
    .figure('append.single.p99', percentile(latenciesMs, 99), 'ms')
    .note(`append.single: ${s.count} appends in ${s.seconds.toFixed(1)} s; raw: ${r.count} write+fsync in ${r.seconds.toFixed(1)} s`);
}

async function batchedAppends(run: Run): Promise<void> {
  const served: Timed[] = [];
  const raw: Timed[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const events = run.take(Math.ceil(BATCH_EVENTS / ROUNDS / BATCH_SIZE) * BATCH_SIZE);
    served.push(await appendBatches(run.client, events, BATCH_SIZE, `callbatch-${round}`, run.appended));
    raw.push(rawFsyncWrites({ file: run.rawFile(`batch-${round}.bin`), records: events.map((e) => e.record), perWrite: BATCH_SIZE }));
  }
  const [s, r] = [total(served), total(raw)];
  run.report
    .figure('append.batch100', perSecond(s), 'events/s')
    .figure('append.batch100.raw_fsync', perSecond(r), 'events/s')
    .figure('append.batch100.client_ceiling', clientCeiling(s), 'events/s')
    .note(`append.batch100: ${s.count} events in ${s.seconds.toFixed(1)} s; raw: ${r.count} in ${r.seconds.toFixed(2)} s`);
}

/** Fills the log up to LOG_EVENTS, then appends one last event on its own: catch-up stops at that event. */
async function bulkFill(run: Run): Promise<void> {
  const events = run.take(Math.max(0, LOG_EVENTS - run.records.length - 1));
  const fill = await appendConcurrently(run.client, events, FILL_BATCH, FILL_CONCURRENCY, 'callimport', run.appended);
  await appendOneByOne(run.client, run.take(1), Infinity, run.appended);
  run.report.note(
    `bulk fill (untimed): ${fill.count} events, ${FILL_BATCH} per append, ${FILL_CONCURRENCY} in flight, ` +
      `${fill.seconds.toFixed(1)} s (${Math.round(perSecond(fill))} events/s)`,
  );
}

/** Reads back a file holding the same bytes as every acknowledged event (written and fsynced first, untimed). */
async function rawRead(run: Run): Promise<void> {
  const file = run.rawFile('log.bin');
  writeRecordFile(file, run.records);
  const result = await bestOf(RAW_READ_RUNS, () => rawSequentialRead(file));
  if (result.count !== run.records.length) throw new Error(`read ${result.count} records back, wrote ${run.records.length}`);
  run.report
    .figure('read.raw_file', perSecond(result), 'events/s')
    .note(`read.raw_file: ${result.count} records in ${result.seconds.toFixed(3)} s (best of ${RAW_READ_RUNS})`);
}

async function readAll(run: Run): Promise<void> {
  let userEvents = 0;
  const result = await bestOf(READ_RUNS, async () => {
    const read = await readWholeLog(run.client);
    userEvents = read.userEvents;
    return read;
  });
  run.report
    .figure('read.all', perSecond(result), 'events/s')
    .figure('read.all.client_ceiling', clientCeiling(result), 'events/s')
    .note(`read.all: ${result.count} events in ${result.seconds.toFixed(2)} s (best of ${READ_RUNS})`);
  if (userEvents !== run.records.length) {
    throw new Error(`$all returned ${userEvents} non-system events, but the server acknowledged ${run.records.length}`);
  }
}

async function subscribeAll(run: Run): Promise<void> {
  const last = run.lastEventId;
  if (!last) throw new Error('nothing was appended');
  const result = await bestOf(READ_RUNS, () => catchUp(run.client, last));
  run.report
    .figure('subscribe.all.catchup', perSecond(result), 'events/s')
    .figure('subscribe.all.client_ceiling', clientCeiling(result), 'events/s')
    .note(`subscribe.all: caught up over ${result.count} events in ${result.seconds.toFixed(2)} s (best of ${READ_RUNS})`);
}
