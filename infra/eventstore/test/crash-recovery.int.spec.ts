// Durability: an append is acknowledged only once it is on disk, so a server killed with SIGKILL at any moment
// restarts with every acknowledged event; a torn or garbage tail of the log is cut at start-up, never served.
// (SIGKILL leaves the page cache alone, so this checks the write-ahead discipline, checksums and the start-up scan;
// it cannot prove the fsync itself, which only a power cut would.)
// Each test drives its own server processes on one data directory; nothing here uses server code.
import { ChildProcess, fork } from 'node:child_process';
import { appendFile, readdir, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { AllStreamResolvedEvent, EventStoreDBClient, NO_STREAM, ResolvedEvent, StreamNotFoundError, jsonEvent } from '@eventstore/db-client';
import { RunningEventStore, startEventStore } from '@ledgerline/testing';
import type { WorkloadAck, WorkloadEventData } from './fixtures/append-workload';
import {
  collect,
  comparePositions,
  expectStrictlyIncreasing,
  ids,
  readAllForwards,
  readWhole,
  revisions,
  range,
  testEvents,
  uniqueStream,
  waitFor,
} from './support';

jest.setTimeout(90_000);

const workspaceRoot = path.resolve(__dirname, '../../..');
const workload = path.join(__dirname, 'fixtures/append-workload.ts');
const STREAMS = 4;

/** Servers and clients started by the current test, stopped/disposed after it whatever happens. */
const running: RunningEventStore[] = [];
const clients: EventStoreDBClient[] = [];
let owner: RunningEventStore | undefined;

async function start(dataDir?: string): Promise<{ server: RunningEventStore; client: EventStoreDBClient }> {
  const server = await startEventStore(dataDir ? { dataDir } : {});
  running.push(server);
  owner ??= server;
  const client = EventStoreDBClient.connectionString(server.url) as EventStoreDBClient;
  clients.push(client);
  return { server, client };
}

/** SIGTERM, after closing our connection (so the server does not wait for it). */
async function stopGracefully(server: RunningEventStore, client: EventStoreDBClient) {
  await client.dispose();
  await server.stop();
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose().catch(() => undefined)));
  await Promise.all(running.splice(0).map((s) => s.kill()));
  await owner?.cleanup();
  owner = undefined;
});

/** Starts the workload child against `url`; resolves with everything it acknowledged once it has exited. */
function runWorkload(url: string, prefix: string) {
  const acks: WorkloadAck[] = [];
  const output: string[] = [];
  const child: ChildProcess = fork(workload, [url, prefix, String(STREAMS)], {
    cwd: workspaceRoot,
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  child.on('message', (message: { type: string }) => {
    if (message.type === 'ack') acks.push(message as WorkloadAck);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    acks,
    /** Waits until `count` appends were acknowledged (reporting the child's output if that never happens). */
    async acknowledged(count: number) {
      await waitFor(() => acks.length >= count, `${count} acknowledged appends`, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}; workload output:\n${output.join('')}`);
      });
    },
    /** Waits for the child to exit on its own (its appends fail once the server is gone), then forces it. */
    async finished() {
      const stop = setTimeout(() => child.connected && child.send('stop'), 10_000);
      const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(stop);
      clearTimeout(kill);
    },
  };
}

async function readStreamOrEmpty(client: EventStoreDBClient, stream: string): Promise<ResolvedEvent[]> {
  try {
    return await readWhole(client, stream);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

/**
 * Checks a recovered log against what the workloads saw acknowledged: every acknowledged batch is there, at its
 * revisions and position; revisions are contiguous; nothing beyond the acknowledged appends is a partial batch;
 * $all positions strictly increase and hold each stream in revision order.
 * Returns the last revision of each stream and the position of the end of the log.
 */
async function verifyRecovered(client: EventStoreDBClient, rounds: Array<{ prefix: string; acks: WorkloadAck[] }>) {
  const all = await readAllForwards(client);
  expectStrictlyIncreasing(all.map((e) => e.event!.position));
  const byId = new Map<string, AllStreamResolvedEvent>(all.map((e) => [e.event!.id, e]));

  const last = new Map<string, bigint | typeof NO_STREAM>();
  for (const { prefix, acks } of rounds) {
    for (let s = 0; s < STREAMS; s++) {
      const stream = `${prefix}-${s}`;
      const events = await readStreamOrEmpty(client, stream);
      expect(revisions(events)).toEqual(range(0, events.length));

      for (const ack of acks.filter((a) => a.stream === stream)) {
        const [first, end] = [Number(ack.first), Number(ack.last)];
        expect(events.length).toBeGreaterThan(end);
        expect(ids(events.slice(first, end + 1))).toEqual(ack.ids);
        expect(events[end].event!.position).toEqual({ commit: BigInt(ack.commit), prepare: BigInt(ack.prepare) });
      }

      // Whole batches only: batch numbers follow each other and each batch has all its events, in order.
      const batches: Array<[number, number]> = [];
      const expectedBatches: Array<[number, number]> = [];
      for (let i = 0, batch = 0; i < events.length; batch++) {
        const { batchSize } = events[i].event!.data as WorkloadEventData;
        for (let j = 0; j < batchSize; j++) expectedBatches.push([batch, j]);
        i += batchSize;
      }
      for (const e of events) {
        const data = e.event!.data as WorkloadEventData;
        batches.push([data.batch, data.indexInBatch]);
      }
      expect(batches).toEqual(expectedBatches);

      // $all holds the same events, in revision order, at the same positions.
      expect(all.filter((e) => e.event!.streamId === stream).map((e) => e.event!.id)).toEqual(ids(events));
      const misplaced = events.filter((e) => comparePositions(byId.get(e.event!.id)!.event!.position, e.event!.position!) !== 0);
      expect(misplaced).toEqual([]);

      last.set(stream, events.length === 0 ? NO_STREAM : BigInt(events.length - 1));
    }
  }
  return { last, endOfLog: all[all.length - 1].event!.position };
}

/** New appends after recovery: they continue each stream and land after everything in the log. */
async function expectAppendsContinue(
  client: EventStoreDBClient,
  { last, endOfLog }: Awaited<ReturnType<typeof verifyRecovered>>,
) {
  for (const [stream, expectedRevision] of last) {
    const result = await client.appendToStream(stream, [jsonEvent({ type: 'AfterRecovery', data: { stream } })], {
      expectedRevision,
    });
    expect(result.nextExpectedRevision).toBe(expectedRevision === NO_STREAM ? 0n : expectedRevision + 1n);
    expect(comparePositions(result.position!, endOfLog)).toBe(1);
  }
}

test('SIGKILL in the middle of continuous appends: every acknowledged append survives, twice over', async () => {
  const { server: first } = await start();
  const dataDir = first.dataDir;

  // Round 1: kill while four writers append batches of 1-4 events.
  const round1 = { prefix: uniqueStream('crash1'), acks: [] as WorkloadAck[] };
  const load1 = runWorkload(first.url, round1.prefix);
  round1.acks = load1.acks;
  await load1.acknowledged(120);
  await first.kill();
  await load1.finished();

  const { server: second, client: client2 } = await start(dataDir);
  const recovered1 = await verifyRecovered(client2, [round1]);

  // A writer whose append was cut off by the crash retries it after the restart with the same expected revision:
  // IndexWriter.CheckCommit finds the same ids at those revisions and answers idempotently, writing nothing.
  for (const ack of [load1.acks[0], load1.acks[load1.acks.length - 1]]) {
    const first = BigInt(ack.first);
    const again = ack.ids.map((id) => jsonEvent({ id, type: 'WorkloadEvent', data: { retried: true } }));
    const retry = await client2.appendToStream(ack.stream, again, { expectedRevision: first === 0n ? NO_STREAM : first - 1n });
    expect(retry.nextExpectedRevision).toBe(BigInt(ack.last));
  }

  // Round 2, on the recovered log: kill again, then check both rounds.
  const round2 = { prefix: uniqueStream('crash2'), acks: [] as WorkloadAck[] };
  const load2 = runWorkload(second.url, round2.prefix);
  round2.acks = load2.acks;
  await load2.acknowledged(80);
  await second.kill();
  await load2.finished();

  const { client: client3 } = await start(dataDir);
  const recovered = await verifyRecovered(client3, [round1, round2]);
  expect(comparePositions(recovered.endOfLog, recovered1.endOfLog)).toBe(1);
  await expectAppendsContinue(client3, recovered);
});

/** Sizes of every file under `dir`. */
async function fileSizes(dir: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    sizes.set(file, (await stat(file)).size);
  }
  return sizes;
}

/** The file that grew the most between two snapshots: the event log. */
function grownFile(before: Map<string, number>, after: Map<string, number>, atLeast: number): string {
  const growth = [...after].map(([file, size]) => [file, size - (before.get(file) ?? 0)] as const).sort((a, b) => b[1] - a[1]);
  const [file, grew] = growth[0] ?? ['', 0];
  if (grew < atLeast) throw new Error(`no file in the data directory grew by ${atLeast} bytes: ${JSON.stringify([...after])}`);
  return file;
}

test('a torn last record (log cut a few bytes short) is dropped at start-up; everything before it is intact', async () => {
  const { server, client } = await start();
  const stream = uniqueStream('torn');
  const before = testEvents(12);
  for (let i = 0; i < 12; i += 3) await client.appendToStream(stream, before.slice(i, i + 3));

  const sizesBefore = await fileSizes(server.dataDir);
  const torn = jsonEvent({ type: 'Torn', data: { payload: 'y'.repeat(4096) } });
  await client.appendToStream(stream, [torn], { expectedRevision: 11n });
  const sizesAfter = await fileSizes(server.dataDir);
  const log = grownFile(sizesBefore, sizesAfter, 4096);
  await server.kill();

  // Cut the end of the log, as if the machine died while writing the last record.
  const size = (await stat(log)).size;
  await truncate(log, size - 7);

  const { server: restarted, client: client2 } = await start(server.dataDir);
  const events = await readWhole(client2, stream);
  if (size === sizesAfter.get(log)) {
    // Nothing was written after the torn event's record, so the cut landed in it: it must be gone entirely.
    expect(ids(events)).toEqual(before.map((e) => e.id));
  } else {
    // Something else followed it; it may survive, but only whole.
    expect(ids(events).slice(0, 12)).toEqual(before.map((e) => e.id));
    if (events.length > 12) expect(events[12].event!.data).toEqual(torn.data);
  }
  expectStrictlyIncreasing((await readAllForwards(client2)).map((e) => e.event!.position));

  // The stream continues right after the last surviving event, and survives another restart.
  const after = jsonEvent({ type: 'AfterTear', data: { n: 1 } });
  const result = await client2.appendToStream(stream, [after], { expectedRevision: BigInt(events.length - 1) });
  expect(result.nextExpectedRevision).toBe(BigInt(events.length));
  await stopGracefully(restarted, client2);

  const { client: client3 } = await start(server.dataDir);
  const final = await readWhole(client3, stream);
  expect(ids(final)).toEqual([...ids(events), after.id]);
  expectStrictlyIncreasing((await readAllForwards(client3)).map((e) => e.event!.position));
});

test('garbage after the last record is cut at start-up, and later appends survive the next restart', async () => {
  const { server, client } = await start();
  const stream = uniqueStream('garbage');
  const sizesBefore = await fileSizes(server.dataDir);
  const written = testEvents(8);
  await client.appendToStream(stream, written.slice(0, 4));
  await client.appendToStream(stream, written.slice(4), { expectedRevision: 3n });
  const log = grownFile(sizesBefore, await fileSizes(server.dataDir), 256);
  const allBefore = (await readAllForwards(client)).map((e) => [e.event!.id, e.event!.position]);
  await stopGracefully(server, client);

  // Bytes that look nothing like a record, then bytes that might: zeros, 0xff, small and huge length-like words.
  const garbage = Buffer.concat([
    Buffer.from('not a record \u0000\u0001'),
    Buffer.alloc(64, 0),
    Buffer.alloc(16, 0xff),
    Buffer.from([0x10, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef, 0xff, 0xff, 0xff, 0x7f, 0x01, 0x02]),
    Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 97 + 13) % 256)),
  ]);
  await appendFile(log, garbage);

  const { server: restarted, client: client2 } = await start(server.dataDir);
  expect((await readAllForwards(client2)).map((e) => [e.event!.id, e.event!.position])).toEqual(allBefore);
  expect(ids(await readWhole(client2, stream))).toEqual(written.map((e) => e.id));

  const later = testEvents(2, { tag: 'later' });
  const result = await client2.appendToStream(stream, later, { expectedRevision: 7n });
  expect(result.nextExpectedRevision).toBe(9n);
  await stopGracefully(restarted, client2);

  // Had the server appended after the garbage instead of cutting it, this restart would lose `later`.
  const { client: client3 } = await start(server.dataDir);
  expect(ids(await readWhole(client3, stream))).toEqual([...written, ...later].map((e) => e.id));
  expect(ids(await collect(client3.readStream(stream, { fromRevision: 9n })))).toEqual([later[1].id]);
  expectStrictlyIncreasing((await readAllForwards(client3)).map((e) => e.event!.position));
});
