// Soft delete (the stream can be recreated, revisions continuing) and tombstone (deleted forever).
// Reference: EventStore src/EventStore.Core/Services/Storage/StorageWriterService.cs (WriteDelete: a soft delete
// writes {"$tb": Int64.MaxValue} to the metastream and fails with WrongExpectedVersion on a stream with neither
// events nor metadata; a hard delete writes a `$streamDeleted` tombstone; SoftUndeleteStream rewrites $tb to the
// first recreated revision), IndexWriter.cs (CheckCommit: appends to a tombstoned stream -> Deleted;
// stream_exists on a soft-deleted stream -> Deleted; no_stream on a soft-deleted stream -> recreates it),
// IndexReader.cs (soft-deleted -> NoStream, tombstoned -> StreamDeleted, also for its metastream),
// src/EventStore.Core.Tests/ClientAPI/soft_delete.cs, docs/server/features/streams.md ("Deleting streams and
// events": $all keeps deleted events until scavenged; tombstones have the type $streamDeleted), and the Node
// client's deleteStream.test.ts / tombstoneStream.test.ts (v6.2.1).
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { caught, collect, ids, readAllForwards, readWhole, revisions, testEvents, uniqueStream, withServer } from './support';

const ctx = withServer();

const INT64_MAX = 9223372036854775807n;

async function expectNotFound(stream: string) {
  await expect(collect(ctx.client.readStream(stream))).rejects.toThrow(StreamNotFoundError);
  await expect(collect(ctx.client.readStream(stream, { direction: BACKWARDS, fromRevision: END }))).rejects.toThrow(StreamNotFoundError);
}

async function expectDeleted(stream: string) {
  for (const read of [
    () => collect(ctx.client.readStream(stream)),
    () => collect(ctx.client.readStream(stream, { direction: BACKWARDS, fromRevision: END })),
  ]) {
    const error = await caught(read);
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect((error as StreamDeletedError).streamName).toBe(stream);
  }
}

describe('soft delete', () => {
  test('makes the stream read as not found', async () => {
    const stream = uniqueStream('soft');
    await ctx.client.appendToStream(stream, testEvents(4));
    const result = await ctx.client.deleteStream(stream);
    expect(result.position).toBeDefined();
    await expectNotFound(stream);
  });

  test('marks the stream with $tb = Int64.MaxValue in its metadata', async () => {
    const stream = uniqueStream('soft-meta');
    await ctx.client.appendToStream(stream, testEvents(2));
    await ctx.client.deleteStream(stream);
    const { metadata } = await ctx.client.getStreamMetadata(stream);
    // The client parses metadata with JSON.parse, so Int64.MaxValue arrives as the double 2^63.
    expect(metadata?.truncateBefore).toBe(Number(INT64_MAX));
  });

  test.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['the last revision', 3n],
  ] as const)('an append with %s recreates it; revisions continue and only the new events are visible', async (_n, expectedRevision) => {
    const stream = uniqueStream('soft-recreate');
    await ctx.client.appendToStream(stream, testEvents(4));
    await ctx.client.deleteStream(stream);

    const fresh = testEvents(3, { start: 4 });
    const result = await ctx.client.appendToStream(stream, fresh, { expectedRevision });

    expect(result.nextExpectedRevision).toBe(6n);
    const events = await readWhole(ctx.client, stream);
    expect(revisions(events)).toEqual([4n, 5n, 6n]);
    expect(ids(events)).toEqual(fresh.map((e) => e.id));
    const { metadata } = await ctx.client.getStreamMetadata(stream);
    expect(metadata?.truncateBefore).toBe(4);
  });

  test('only the first write recreates it: a second no_stream append then fails', async () => {
    const stream = uniqueStream('soft-once');
    await ctx.client.appendToStream(stream, testEvents(2));
    await ctx.client.deleteStream(stream);
    await ctx.client.appendToStream(stream, testEvents(1), { expectedRevision: NO_STREAM });
    const error = await caught(() => ctx.client.appendToStream(stream, testEvents(1), { expectedRevision: NO_STREAM }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(2n);
  });

  test('stream_exists on a soft-deleted stream fails with StreamDeletedError', async () => {
    const stream = uniqueStream('soft-exists');
    await ctx.client.appendToStream(stream, testEvents(2));
    await ctx.client.deleteStream(stream);
    await expect(ctx.client.appendToStream(stream, testEvents(1), { expectedRevision: STREAM_EXISTS })).rejects.toThrow(
      StreamDeletedError,
    );
  });

  test('with a wrong expected revision fails, reporting the actual one, and deletes nothing', async () => {
    const stream = uniqueStream('soft-wev');
    await ctx.client.appendToStream(stream, testEvents(4));
    const error = await caught(() => ctx.client.deleteStream(stream, { expectedRevision: 2n }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).streamName).toBe(stream);
    expect((error as WrongExpectedVersionError).expectedVersion).toBe(2n);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(3n);
    expect(revisions(await readWhole(ctx.client, stream))).toHaveLength(4);

    await ctx.client.deleteStream(stream, { expectedRevision: 3n });
    await expectNotFound(stream);
  });

  test('of a stream that never existed fails with WrongExpectedVersionError', async () => {
    // Delete answers through RpcExceptions.WrongExpectedVersion: metadata carries the raw numbers, so the client
    // reports expected -2 (any) and actual -1 (no stream) here, not the names it uses for append errors.
    const stream = uniqueStream('soft-missing');
    const error = await caught(() => ctx.client.deleteStream(stream));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).streamName).toBe(stream);
    expect((error as WrongExpectedVersionError).expectedVersion).toBe(-2n);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(-1n);
  });

  test('of a stream that only has metadata succeeds', async () => {
    const stream = uniqueStream('soft-meta-only');
    await ctx.client.setStreamMetadata(stream, { cacheControl: 10 });
    await expect(ctx.client.deleteStream(stream, { expectedRevision: NO_STREAM })).resolves.toBeDefined();
  });

  test('leaves the deleted events in $all', async () => {
    const stream = uniqueStream('soft-all');
    const events = testEvents(3);
    await ctx.client.appendToStream(stream, events);
    await ctx.client.deleteStream(stream);
    const inAll = (await readAllForwards(ctx.client)).filter((e) => e.event!.streamId === stream);
    expect(inAll.map((e) => e.event!.id)).toEqual(events.map((e) => e.id));
  });

  test('setting metadata on a soft-deleted stream brings it back, empty, keeping the new metadata', async () => {
    // soft_delete.cs: setting_json_metadata_on_nonempty_soft_deleted_stream_recreates_stream_not_overriding_metadata
    const stream = uniqueStream('soft-setmeta');
    await ctx.client.appendToStream(stream, testEvents(2));
    await ctx.client.deleteStream(stream);
    await ctx.client.setStreamMetadata(stream, { maxCount: 100, custom: 'kept' });

    expect(await collect(ctx.client.readStream(stream))).toEqual([]);
    const { metadata } = await ctx.client.getStreamMetadata(stream);
    expect(metadata).toEqual({ maxCount: 100, custom: 'kept', truncateBefore: 2 });
  });
});

describe('tombstone', () => {
  test('makes every read fail with StreamDeletedError naming the stream', async () => {
    const stream = uniqueStream('tomb');
    await ctx.client.appendToStream(stream, testEvents(3));
    const result = await ctx.client.tombstoneStream(stream);
    expect(result.position).toBeDefined();
    await expectDeleted(stream);
  });

  test.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    ['the last revision', 2n],
  ] as const)('rejects any later append (expected %s) with StreamDeletedError', async (_n, expectedRevision) => {
    const stream = uniqueStream('tomb-append');
    await ctx.client.appendToStream(stream, testEvents(3));
    await ctx.client.tombstoneStream(stream);
    const error = await caught(() => ctx.client.appendToStream(stream, testEvents(1), { expectedRevision }));
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect((error as StreamDeletedError).streamName).toBe(stream);
  });

  test('with a wrong expected revision fails and leaves the stream intact', async () => {
    const stream = uniqueStream('tomb-wev');
    await ctx.client.appendToStream(stream, testEvents(3));
    const error = await caught(() => ctx.client.tombstoneStream(stream, { expectedRevision: 0n }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).expectedVersion).toBe(0n);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(2n);
    expect(revisions(await readWhole(ctx.client, stream))).toEqual([0n, 1n, 2n]);
    await ctx.client.tombstoneStream(stream, { expectedRevision: 2n });
    await expectDeleted(stream);
  });

  test('of a stream that does not exist, with no_stream, forbids it forever', async () => {
    const stream = uniqueStream('tomb-missing');
    await ctx.client.tombstoneStream(stream, { expectedRevision: NO_STREAM });
    await expectDeleted(stream);
    await expect(ctx.client.appendToStream(stream, testEvents(1))).rejects.toThrow(StreamDeletedError);
  });

  test('cannot be repeated, nor followed by a soft delete', async () => {
    const stream = uniqueStream('tomb-twice');
    await ctx.client.appendToStream(stream, testEvents(1));
    await ctx.client.tombstoneStream(stream);
    await expect(ctx.client.tombstoneStream(stream)).rejects.toThrow(StreamDeletedError);
    await expect(ctx.client.deleteStream(stream)).rejects.toThrow(StreamDeletedError);
  });

  test('after a soft delete still works and wins', async () => {
    const stream = uniqueStream('soft-then-tomb');
    await ctx.client.appendToStream(stream, testEvents(2));
    await ctx.client.deleteStream(stream);
    await ctx.client.tombstoneStream(stream);
    await expectDeleted(stream);
    await expect(ctx.client.appendToStream(stream, testEvents(1))).rejects.toThrow(StreamDeletedError);
  });

  test('makes its metadata stream read as deleted too', async () => {
    // IndexReader.GetStreamLastEventNumberCached: "if this is metastream -- check if original stream was deleted,
    // if yes -- metastream is deleted as well"; getStreamMetadata only swallows StreamNotFoundError.
    const stream = uniqueStream('tomb-meta');
    await ctx.client.appendToStream(stream, testEvents(1));
    await ctx.client.setStreamMetadata(stream, { maxCount: 5 });
    await ctx.client.tombstoneStream(stream);
    await expect(ctx.client.getStreamMetadata(stream)).rejects.toThrow(StreamDeletedError);
    await expect(collect(ctx.client.readStream(`$$${stream}`))).rejects.toThrow(StreamDeletedError);
  });

  test('appears in $all as a $streamDeleted event of the stream, after its events', async () => {
    const stream = uniqueStream('tomb-all');
    const events = testEvents(2);
    await ctx.client.appendToStream(stream, events);
    const { position } = await ctx.client.tombstoneStream(stream);
    const inAll = (await readAllForwards(ctx.client)).filter((e) => e.event!.streamId === stream);
    expect(inAll.map((e) => e.event!.type)).toEqual(['TestEvent', 'TestEvent', '$streamDeleted']);
    expect(inAll.slice(0, 2).map((e) => e.event!.id)).toEqual(events.map((e) => e.id));
    expect(inAll[2].event!.revision).toBe(INT64_MAX);
    expect(inAll[2].event!.position).toEqual(position);
  });
});
