// Stream metadata through setStreamMetadata / getStreamMetadata, and $maxCount, $maxAge, $tb honoured on reads.
// Reference: EventStore src/EventStore.Core/Services/Storage/ReaderIndex/IndexReader.cs (ReadStreamEventsForward /
// Backward: lower bound = max(last - $maxCount + 1, $tb); events older than $maxAge are skipped; the gRPC
// enumerators (Enumerator.ReadStreamForwards.cs) keep paging until maxCount events or the end), docs
// server/features/streams.md ("Max count and Max age", "Soft delete and TruncateBefore": $all is not filtered),
// the Node client's getStreamMetadata.test.ts / setStreamMetadata.test.ts (v6.2.1): a stream without metadata
// reads as `{ streamName }`.
import { BACKWARDS, END, ResolvedEvent, START, StreamMetadata, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import {
  SubscriptionRecorder,
  collect,
  delay,
  readAllForwards,
  readWhole,
  revisions,
  range,
  testEvents,
  uniqueStream,
  withServer,
} from './support';

const ctx = withServer();

async function streamWith(count: number, metadata?: StreamMetadata) {
  const stream = uniqueStream('meta');
  await ctx.client.appendToStream(stream, testEvents(count));
  if (metadata) await ctx.client.setStreamMetadata(stream, metadata);
  return stream;
}

const forwards = async (stream: string, fromRevision: bigint | typeof START = START, maxCount?: number) =>
  revisions(await collect(ctx.client.readStream(stream, { fromRevision, ...(maxCount && { maxCount }) })));
const backwards = async (stream: string, fromRevision: bigint | typeof END = END, maxCount?: number) =>
  revisions(await collect(ctx.client.readStream(stream, { direction: BACKWARDS, fromRevision, ...(maxCount && { maxCount }) })));

describe('get / set', () => {
  test('a stream without metadata reads as just its name, whether or not it exists', async () => {
    const missing = uniqueStream('meta-none');
    expect(await ctx.client.getStreamMetadata(missing)).toEqual({ streamName: missing });
    const existing = await streamWith(2);
    expect(await ctx.client.getStreamMetadata(existing)).toEqual({ streamName: existing });
  });

  test('every standard key and custom keys round-trip', async () => {
    const stream = uniqueStream('meta-all');
    const metadata: StreamMetadata<{ owner: string; nested: { a: number[] } }> = {
      maxAge: 3600,
      maxCount: 12,
      truncateBefore: 1,
      cacheControl: 15,
      acl: { readRoles: ['$admins'], writeRoles: ['ops'], deleteRoles: ['ops'], metaReadRoles: ['$all'], metaWriteRoles: ['ops'] },
      owner: '🦃 ledger',
      nested: { a: [1, 2] },
    };
    await ctx.client.setStreamMetadata(stream, metadata);
    const read = await ctx.client.getStreamMetadata(stream);
    expect(read.streamName).toBe(stream);
    expect(read.metadata).toEqual(metadata);
    expect(read.metastreamRevision).toBeDefined();
  });

  test('is stored as $metadata events in the $$ metastream (which keeps only its last event), with EventStoreDB key names', async () => {
    // Metastreams have an implicit $maxCount of 1: ESConsts.MetaStreamMaxCount, used by IndexReader for them.
    const stream = uniqueStream('meta-raw');
    const first = await ctx.client.setStreamMetadata(stream, { maxCount: 5, custom: 1 });
    const second = await ctx.client.setStreamMetadata(stream, { truncateBefore: 2, maxAge: 60 });
    expect([first.nextExpectedRevision, second.nextExpectedRevision]).toEqual([0n, 1n]);

    const events = await readWhole(ctx.client, `$$${stream}`);
    expect(events.map((e) => [e.event!.type, e.event!.isJson, e.event!.revision])).toEqual([['$metadata', true, 1n]]);
    expect(events[0].event!.data).toEqual({ $tb: 2, $maxAge: 60 });
    const inAll = (await readAllForwards(ctx.client)).filter((e) => e.event!.streamId === `$$${stream}`);
    expect(inAll.map((e) => e.event!.data)).toEqual([{ $maxCount: 5, custom: 1 }, { $tb: 2, $maxAge: 60 }]);
  });

  test('the latest metadata replaces the previous one, it is not merged', async () => {
    const stream = await streamWith(6, { maxCount: 2, custom: 'a' });
    expect(await forwards(stream)).toEqual([4n, 5n]);
    await ctx.client.setStreamMetadata(stream, { other: 'b' });
    expect((await ctx.client.getStreamMetadata(stream)).metadata).toEqual({ other: 'b' });
    expect(await forwards(stream)).toEqual(range(0, 6));
  });

  test('setStreamMetadata honours an expected revision of the metastream', async () => {
    const stream = uniqueStream('meta-expected');
    await ctx.client.setStreamMetadata(stream, { maxCount: 3 }, { expectedRevision: 'no_stream' });
    const error = await ctx.client.setStreamMetadata(stream, { maxCount: 4 }, { expectedRevision: 'no_stream' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(0n);
    await ctx.client.setStreamMetadata(stream, { maxCount: 4 }, { expectedRevision: 0n });
    expect((await ctx.client.getStreamMetadata(stream)).metadata).toEqual({ maxCount: 4 });
  });

  test('metadata of a stream that has no events yet applies once it is written', async () => {
    const stream = uniqueStream('meta-first');
    await ctx.client.setStreamMetadata(stream, { maxCount: 2 });
    await expect(collect(ctx.client.readStream(stream))).rejects.toThrow(StreamNotFoundError);
    await ctx.client.appendToStream(stream, testEvents(20));
    expect(await forwards(stream, START, 200)).toEqual([18n, 19n]);
  });
});

describe('$maxCount', () => {
  test('only the last N events are readable, in both directions and from any revision', async () => {
    const stream = await streamWith(10, { maxCount: 3 });
    expect(await forwards(stream)).toEqual([7n, 8n, 9n]);
    expect(await backwards(stream)).toEqual([9n, 8n, 7n]);
    expect(await forwards(stream, 0n, 2)).toEqual([7n, 8n]);
    expect(await forwards(stream, 8n)).toEqual([8n, 9n]);
    expect(await backwards(stream, 5n)).toEqual([]);
  });

  test('the window slides as events are appended; revisions are not renumbered', async () => {
    const stream = await streamWith(5, { maxCount: 3 });
    const result = await ctx.client.appendToStream(stream, testEvents(2));
    expect(result.nextExpectedRevision).toBe(6n);
    expect(await forwards(stream)).toEqual([4n, 5n, 6n]);
  });
});

describe('$tb (truncateBefore)', () => {
  test('hides the events before it, in both directions', async () => {
    const stream = await streamWith(10, { truncateBefore: 4 });
    expect(await forwards(stream)).toEqual(range(4, 6));
    expect(await backwards(stream)).toEqual([9n, 8n, 7n, 6n, 5n, 4n]);
    expect(await backwards(stream, 6n)).toEqual([6n, 5n, 4n]);
    expect(await backwards(stream, 2n)).toEqual([]);
  });

  test('a read starting in the truncated part starts at $tb and still returns maxCount events', async () => {
    const stream = await streamWith(10, { truncateBefore: 4 });
    expect(await forwards(stream, 2n, 3)).toEqual([4n, 5n, 6n]);
  });

  test('beyond the last event: the stream reads empty (not "not found") and appends continue the revisions', async () => {
    const stream = await streamWith(3, { truncateBefore: 10 });
    expect(await collect(ctx.client.readStream(stream))).toEqual([]);
    const result = await ctx.client.appendToStream(stream, testEvents(1), { expectedRevision: 2n });
    expect(result.nextExpectedRevision).toBe(3n);
    expect(await forwards(stream)).toEqual([]);
  });

  test('combined with $maxCount, the stricter bound wins', async () => {
    const byCount = await streamWith(10, { truncateBefore: 2, maxCount: 3 });
    expect(await forwards(byCount)).toEqual([7n, 8n, 9n]);
    const byTb = await streamWith(10, { truncateBefore: 8, maxCount: 5 });
    expect(await forwards(byTb)).toEqual([8n, 9n]);
  });

  test('a catch-up subscription starts its history at $tb', async () => {
    const stream = await streamWith(6, { truncateBefore: 4 });
    const recorder = new SubscriptionRecorder<ResolvedEvent>();
    recorder.attach(ctx.client.subscribeToStream(stream, { fromRevision: START }));
    try {
      await recorder.waitForCaughtUp();
      expect(revisions(recorder.events)).toEqual([4n, 5n]);
    } finally {
      await recorder.stop();
    }
  });

  test('does not filter $all, where the truncated events stay until scavenged', async () => {
    const stream = await streamWith(5, { truncateBefore: 3, maxCount: 1 });
    const inAll = (await readAllForwards(ctx.client)).filter((e) => e.event!.streamId === stream);
    expect(revisions(inAll)).toEqual(range(0, 5));
  });
});

describe('$maxAge', () => {
  test('events older than maxAge seconds are not returned; younger ones are', async () => {
    const stream = await streamWith(3);
    await delay(2_300);
    await ctx.client.appendToStream(stream, testEvents(2));
    await ctx.client.setStreamMetadata(stream, { maxAge: 2 });

    expect(await forwards(stream)).toEqual([3n, 4n]);
    expect(await backwards(stream)).toEqual([4n, 3n]);
    expect((await ctx.client.getStreamMetadata(stream)).metadata).toEqual({ maxAge: 2 });
  });
});
