/**
 * Start-up of the embedded server on a large log: the time from process start until it serves,
 * which is the scan that verifies every record's checksum and rebuilds the stream index.
 * The log is written straight through the storage engine (a fixture, not a measurement), then the
 * server is started on it as a child process, beside a raw sequential read of the same file.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventStoreDBClient, BACKWARDS, END } from '@eventstore/db-client';
import { startEventStore } from '@ledgerline/testing';
import { EventStore } from '../infra/eventstore/src/storage/event-store';
import { callLogged } from './crm-events';
import { rawSequentialReadBytes } from './raw-baselines';
import { BenchSuite, ReportBuilder, SuiteReport } from './report';
import { now, secondsSince } from './timing';

const SCALE = Number(process.env.BENCH_SCALE ?? 1) || 1;
const EVENTS = Math.max(1000, Math.round(1_000_000 * SCALE));
const PER_APPEND = 100;
const STREAMS = 10_000;
/** Appends in flight while filling: the store's group commit gives them one fsync. */
const IN_FLIGHT = 64;

export const eventstoreStartupSuite: BenchSuite = {
  name: 'eventstore-startup',
  description: `start-up of the event store on a log of ${EVENTS.toLocaleString('en-US')} events vs a raw read of the file`,
  run: runStartupSuite,
};

async function runStartupSuite(): Promise<SuiteReport> {
  const report = new ReportBuilder('eventstore-startup')
    .compare('startup/raw_read', 'startup', 'startup.raw_read')
    .target({ label: `start-up on ${EVENTS.toLocaleString('en-US')} events within 10 s`, figure: 'startup', max: 10 });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ledgerline-bench-startup-'));
  try {
    const filled = await fill(dataDir);
    const { seconds: fillSeconds, lastStream, lastRevision } = filled;
    const logFile = path.join(dataDir, 'events.log');
    report.note(`fixture: ${EVENTS} events in ${STREAMS} streams, ${(statSync(logFile).size / 1e6).toFixed(0)} MB, written in ${fillSeconds.toFixed(1)} s (untimed)`);

    const rawSeconds = rawSequentialReadBytes(logFile).seconds;

    const started = now();
    const server = await startEventStore({ dataDir });
    const startupSeconds = secondsSince(started);
    try {
      const client = EventStoreDBClient.connectionString(server.url);
      let last: bigint | undefined;
      for await (const resolved of client.readStream(lastStream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        last = resolved.event?.revision;
      }
      await client.dispose();
      if (last !== BigInt(lastRevision)) throw new Error(`after start-up ${lastStream} ends at ${last}, but ${lastRevision} was written`);
      report.note(`after start-up, ${lastStream} ends at revision ${last}, as written`);
    } finally {
      await server.stop();
    }
    report
      .figure('startup', startupSeconds, 's')
      .figure('startup.raw_read', rawSeconds, 's')
      .note('startup includes spawning Node and compiling TypeScript (about 1 s); raw_read is one sequential read of the same file (page cache)');
  } catch (error) {
    report.error('startup', error);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return report.build();
}

/** Writes the fixture log through the storage engine: PER_APPEND events per append, round-robin over STREAMS. */
async function fill(dataDir: string): Promise<{ seconds: number; lastStream: string; lastRevision: number }> {
  const started = now();
  const { store } = EventStore.open(dataDir);
  const appends = Math.ceil(EVENTS / PER_APPEND);
  let next = 0;
  let last = { lastStream: '', lastRevision: -1 };
  const writer = async () => {
    for (let k = next++; k < appends; k = next++) {
      const stream = `customer-${k % STREAMS}`;
      const events = Array.from({ length: PER_APPEND }, (_, i) => {
        const { event } = callLogged(k * PER_APPEND + i);
        return {
          id: Buffer.from(event.id.replace(/-/g, ''), 'hex'),
          type: event.type,
          isJson: true,
          data: Buffer.from(JSON.stringify(event.data)),
          metadata: Buffer.from(JSON.stringify(event.metadata)),
        };
      });
      const result = await store.append(stream, { kind: 'any' }, events);
      if (result.kind !== 'written') throw new Error(`fixture append to ${stream} failed: ${result.kind}`);
      if (k === appends - 1) last = { lastStream: stream, lastRevision: result.lastRevision };
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
  } finally {
    store.close();
  }
  return { seconds: secondsSince(started), ...last };
}
