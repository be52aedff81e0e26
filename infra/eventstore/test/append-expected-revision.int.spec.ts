// Optimistic concurrency on append: `any`, `no_stream`, `stream_exists` and exact revisions.
// Reference: EventStore src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs (CheckCommit),
// Streams.Append.cs / Streams.BatchAppend.cs (how a mismatch is reported: expected + current revision).
import {
  ANY,
  AppendToStreamOptions,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { caught, collect, lastPosition, readWhole, revisions, range, testEvents, uniqueStream, withServer } from './support';

const ctx = withServer();

// The client appends through BatchAppend when the server reports it, and through the older unary-stream
// Append when credentials are passed per call; the server must give the same answers on both.
const paths: Array<[string, Pick<AppendToStreamOptions, 'credentials'>]> = [
  ['BatchAppend', {}],
  ['Append', { credentials: { username: 'admin', password: 'changeit' } }],
];

describe.each(paths)('appendToStream through %s', (_path, via) => {
  const append = (stream: string, count: number, expectedRevision?: AppendToStreamOptions['expectedRevision']) =>
    ctx.client.appendToStream(stream, testEvents(count), { ...via, ...(expectedRevision !== undefined && { expectedRevision }) });

  async function expectWrongExpectedVersion(
    promise: Promise<unknown>,
    stream: string,
    expected: WrongExpectedVersionError['expectedVersion'],
    actual: WrongExpectedVersionError['actualVersion'],
  ) {
    const error = await caught(() => promise);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    const wev = error as WrongExpectedVersionError;
    expect({ streamName: wev.streamName, expectedVersion: wev.expectedVersion, actualVersion: wev.actualVersion }).toEqual({
      streamName: stream,
      expectedVersion: expected,
      actualVersion: actual,
    });
  }

  describe('any', () => {
    test('creates a new stream, revisions starting at 0', async () => {
      const stream = uniqueStream('any-new');
      const result = await append(stream, 3, ANY);
      expect(result.success).toBe(true);
      expect(result.nextExpectedRevision).toBe(2n);
      expect(result.position).toBeDefined();
      expect(revisions(await readWhole(ctx.client, stream))).toEqual(range(0, 3));
    });

    test('appends after the end of an existing stream', async () => {
      const stream = uniqueStream('any-existing');
      await append(stream, 3);
      const result = await append(stream, 2, ANY);
      expect(result.nextExpectedRevision).toBe(4n);
      expect(revisions(await readWhole(ctx.client, stream))).toEqual(range(0, 5));
    });
  });

  describe('no_stream', () => {
    test('succeeds on a stream that does not exist', async () => {
      const stream = uniqueStream('nostream-new');
      const result = await append(stream, 2, NO_STREAM);
      expect(result.nextExpectedRevision).toBe(1n);
    });

    test('fails on an existing stream, reporting its current revision, and writes nothing', async () => {
      const stream = uniqueStream('nostream-existing');
      await append(stream, 3);
      const before = await lastPosition(ctx.client);
      await expectWrongExpectedVersion(append(stream, 2, NO_STREAM), stream, NO_STREAM, 2n);
      expect(revisions(await readWhole(ctx.client, stream))).toEqual(range(0, 3));
      expect(await lastPosition(ctx.client)).toEqual(before);
    });
  });

  describe('stream_exists', () => {
    test('succeeds on an existing stream', async () => {
      const stream = uniqueStream('exists-existing');
      await append(stream, 1);
      const result = await append(stream, 2, STREAM_EXISTS);
      expect(result.nextExpectedRevision).toBe(2n);
    });

    test('fails on a stream that does not exist (actual: no_stream) and does not create it', async () => {
      const stream = uniqueStream('exists-missing');
      await expectWrongExpectedVersion(append(stream, 1, STREAM_EXISTS), stream, STREAM_EXISTS, NO_STREAM);
      await expect(collect(ctx.client.readStream(stream))).rejects.toThrow(StreamNotFoundError);
    });

    test('succeeds on a stream that only has metadata (IndexWriter.CheckCommit looks at the metastream)', async () => {
      const stream = uniqueStream('exists-meta-only');
      await ctx.client.setStreamMetadata(stream, { custom: 'x' });
      const result = await append(stream, 1, STREAM_EXISTS);
      expect(result.nextExpectedRevision).toBe(0n);
    });
  });

  describe('exact revision', () => {
    test('succeeds when it matches the last revision, and the returned revision chains', async () => {
      const stream = uniqueStream('exact-chain');
      let { nextExpectedRevision } = await append(stream, 1, NO_STREAM);
      for (let i = 0; i < 3; i++) {
        ({ nextExpectedRevision } = await append(stream, 2, nextExpectedRevision));
      }
      expect(nextExpectedRevision).toBe(6n);
      expect(revisions(await readWhole(ctx.client, stream))).toEqual(range(0, 7));
    });

    test('fails on a stream that does not exist (actual: no_stream)', async () => {
      const stream = uniqueStream('exact-missing');
      await expectWrongExpectedVersion(append(stream, 1, 0n), stream, 0n, NO_STREAM);
      await expect(collect(ctx.client.readStream(stream))).rejects.toThrow(StreamNotFoundError);
    });

    test('fails when behind the stream, reporting the actual revision, and writes nothing', async () => {
      const stream = uniqueStream('exact-behind');
      await append(stream, 4);
      await expectWrongExpectedVersion(append(stream, 2, 1n), stream, 1n, 3n);
      expect(revisions(await readWhole(ctx.client, stream))).toEqual(range(0, 4));
    });

    test('fails when ahead of the stream, reporting the actual revision', async () => {
      const stream = uniqueStream('exact-ahead');
      await append(stream, 2);
      await expectWrongExpectedVersion(append(stream, 1, 5n), stream, 5n, 1n);
      expect(revisions(await readWhole(ctx.client, stream))).toEqual(range(0, 2));
    });
  });

  test('a failed append leaves no trace in $all', async () => {
    const stream = uniqueStream('no-trace');
    await append(stream, 1);
    const before = await lastPosition(ctx.client);
    await expect(append(stream, 5, 7n)).rejects.toThrow(WrongExpectedVersionError);
    await expect(append(stream, 5, NO_STREAM)).rejects.toThrow(WrongExpectedVersionError);
    expect(await lastPosition(ctx.client)).toEqual(before);
  });
});
