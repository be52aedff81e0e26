// Appends to one stream are serialized and each batch is atomic.
// Reference: EventStore's single writer (StorageWriterService) checks the expected version of each write against
// the state left by the previous one (IndexWriter.CheckCommit), so of N writes expecting revision r exactly one
// can succeed; the others see the winner's last revision as the current one.
import { ANY, AppendResult, EventStoreDBClient, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { TestEventData, ids, readWhole, revisions, range, testEvents, uniqueStream, withServer } from './support';

const ctx = withServer();

/** A few independent connections, so that the appends really reach the server concurrently. */
let clients: EventStoreDBClient[];
beforeAll(async () => {
  clients = [ctx.client, ctx.newClient(), ctx.newClient(), ctx.newClient()];
  // Warm up: connect, fetch the server features and open each client's BatchAppend stream.
  await Promise.all(clients.map((c) => c.appendToStream(uniqueStream('warm-up'), testEvents(1))));
});

async function race(stream: string, attempts: number, expectedRevision: bigint | typeof NO_STREAM, batchSize: number) {
  const batches = Array.from({ length: attempts }, (_, i) => testEvents(batchSize, { tag: `attempt-${i}` }));
  const settled = await Promise.allSettled(
    batches.map((batch, i) => clients[i % clients.length].appendToStream(stream, batch, { expectedRevision })),
  );
  const winners = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [{ index: i, result: s.value }] : []));
  const losers = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  return { batches, winners, losers };
}

test('of N concurrent appends at one exact revision, exactly one wins; the others see its revision', async () => {
  const stream = uniqueStream('race-exact');
  await ctx.client.appendToStream(stream, testEvents(1), { expectedRevision: NO_STREAM });

  const { batches, winners, losers } = await race(stream, 16, 0n, 2);

  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(15);
  const [winner] = winners;
  expect(winner.result.nextExpectedRevision).toBe(2n);
  for (const error of losers) {
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).expectedVersion).toBe(0n);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(2n);
  }
  const events = await readWhole(ctx.client, stream);
  expect(revisions(events)).toEqual(range(0, 3));
  expect(ids(events).slice(1)).toEqual(batches[winner.index].map((e) => e.id));
});

test('of N concurrent appends creating a stream with no_stream, exactly one wins', async () => {
  const stream = uniqueStream('race-nostream');
  const { batches, winners, losers } = await race(stream, 12, NO_STREAM, 3);

  expect(winners).toHaveLength(1);
  for (const error of losers) {
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(2n);
  }
  expect(ids(await readWhole(ctx.client, stream))).toEqual(batches[winners[0].index].map((e) => e.id));
});

test('concurrent appends with `any` all succeed, each batch contiguous and in order', async () => {
  const stream = uniqueStream('race-any');
  const batchSize = 3;
  const attempts = 24;
  const batches = Array.from({ length: attempts }, (_, i) => testEvents(batchSize, { tag: `batch-${i}` }));
  const results: AppendResult[] = await Promise.all(
    batches.map((batch, i) => clients[i % clients.length].appendToStream(stream, batch, { expectedRevision: ANY })),
  );

  const events = await readWhole(ctx.client, stream);
  expect(revisions(events)).toEqual(range(0, attempts * batchSize));

  // Each result names the revision of its batch's last event, and the batch sits right before it, unbroken.
  const seenEnds = new Set<bigint>();
  results.forEach((result, i) => {
    const end = Number(result.nextExpectedRevision);
    seenEnds.add(result.nextExpectedRevision);
    const written = events.slice(end - batchSize + 1, end + 1);
    expect(ids(written)).toEqual(batches[i].map((e) => e.id));
    expect(written.map((e) => (e.event!.data as TestEventData).tag)).toEqual(Array(batchSize).fill(`batch-${i}`));
  });
  expect(seenEnds.size).toBe(attempts);
});

test('a batch the client splits over several BatchAppend messages is one atomic write', async () => {
  const stream = uniqueStream('chunked');
  await ctx.client.appendToStream(stream, testEvents(1), { expectedRevision: NO_STREAM });
  const big = testEvents(150, { tag: 'big' });
  // batchAppendSize (bytes) makes the client send the batch as many requests, only the last one final.
  const concurrent = Array.from({ length: 10 }, (_, i) => testEvents(1, { tag: `small-${i}` }));

  const [bigResult] = await Promise.all([
    ctx.client.appendToStream(stream, big, { expectedRevision: ANY, batchAppendSize: 1_000 }),
    ...concurrent.map((batch, i) => clients[1 + (i % 3)].appendToStream(stream, batch, { expectedRevision: ANY })),
  ]);

  const events = await readWhole(ctx.client, stream);
  expect(revisions(events)).toEqual(range(0, 1 + 150 + 10));
  const end = Number(bigResult.nextExpectedRevision);
  expect(ids(events.slice(end - 149, end + 1))).toEqual(big.map((e) => e.id));
});

test('a split batch with a wrong expected revision writes none of its parts', async () => {
  const stream = uniqueStream('chunked-wev');
  await ctx.client.appendToStream(stream, testEvents(2), { expectedRevision: NO_STREAM });
  const big = testEvents(120, { tag: 'big' });
  await expect(ctx.client.appendToStream(stream, big, { expectedRevision: 0n, batchAppendSize: 1_000 })).rejects.toThrow(
    WrongExpectedVersionError,
  );
  expect(revisions(await readWhole(ctx.client, stream))).toEqual(range(0, 2));
});
