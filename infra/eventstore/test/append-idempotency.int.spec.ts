// Idempotent retries: re-sending events with the same ids succeeds without writing them twice.
// Reference: EventStore src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs, CheckCommit:
//  - expected any / stream_exists: if every event id is already in the stream -> Idempotent (success, original
//    revisions); if only the first is -> CorruptedIdempotency (reported as WrongExpectedVersion).
//  - expected revision below the current one: the events after that revision are compared id by id; all equal
//    -> Idempotent; the first differs -> WrongExpectedVersion; a later one differs -> CorruptedIdempotency.
//  - ids are matched per stream (`prepInfo.StreamId == streamId`).
// StorageWriterService.ActOnCommitCheckFailure + RequestManagerBase.ReturnCommitAt: an idempotent write answers
// with the first/last event numbers of the original write and the log position of its last event.
import {
  ANY,
  AppendToStreamOptions,
  EventData,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { caught, ids, lastPosition, readWhole, revisions, range, testEvents, uniqueStream, withServer } from './support';

const ctx = withServer();

const paths: Array<[string, Pick<AppendToStreamOptions, 'credentials'>]> = [
  ['BatchAppend', {}],
  ['Append', { credentials: { username: 'admin', password: 'changeit' } }],
];

describe.each(paths)('idempotent appends through %s', (_path, via) => {
  const append = (stream: string, events: EventData[], expectedRevision: AppendToStreamOptions['expectedRevision']) =>
    ctx.client.appendToStream(stream, events, { ...via, expectedRevision });

  test('retrying with the same ids and expected revision returns the original result and writes nothing', async () => {
    const stream = uniqueStream('idem-same');
    const batch = testEvents(3);
    const first = await append(stream, batch, NO_STREAM);
    const endOfLog = await lastPosition(ctx.client);

    const retry = await append(stream, batch, NO_STREAM);

    expect(retry.success).toBe(true);
    expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect(retry.position).toEqual(first.position);
    const events = await readWhole(ctx.client, stream);
    expect(ids(events)).toEqual(batch.map((e) => e.id));
    expect(await lastPosition(ctx.client)).toEqual(endOfLog);
  });

  test.each([
    ['any', ANY],
    ['stream_exists', STREAM_EXISTS],
  ] as const)('retrying with expected revision %s is idempotent', async (_name, expectedRevision) => {
    const stream = uniqueStream('idem-any');
    const batch = testEvents(2);
    await append(stream, testEvents(1), NO_STREAM);
    const first = await append(stream, batch, expectedRevision);
    const retry = await append(stream, batch, expectedRevision);
    expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect(retry.nextExpectedRevision).toBe(2n);
    expect(revisions(await readWhole(ctx.client, stream))).toEqual(range(0, 3));
  });

  test('a retry after the stream moved on still answers with the revision of the original write', async () => {
    const stream = uniqueStream('idem-late');
    const a = testEvents(2, { tag: 'a' });
    const b = testEvents(2, { tag: 'b' });
    const c = testEvents(1, { tag: 'c' });
    await append(stream, a, NO_STREAM);
    const bResult = await append(stream, b, 1n);
    await append(stream, c, ANY);

    const retryA = await append(stream, a, NO_STREAM);
    const retryB = await append(stream, b, 1n);

    expect(retryA.nextExpectedRevision).toBe(1n);
    expect(retryB.nextExpectedRevision).toBe(3n);
    expect(retryB.position).toEqual(bResult.position);
    expect(ids(await readWhole(ctx.client, stream))).toEqual([...a, ...b, ...c].map((e) => e.id));
  });

  test('new ids at an already-used expected revision are a conflict, not a retry', async () => {
    const stream = uniqueStream('idem-other-ids');
    await append(stream, testEvents(2), NO_STREAM);
    const error = await caught(() => append(stream, testEvents(2), NO_STREAM));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(1n);
    expect(revisions(await readWhole(ctx.client, stream))).toEqual(range(0, 2));
  });

  test('a batch that only partly repeats written events is rejected and writes nothing', async () => {
    const stream = uniqueStream('idem-partial');
    const batch = testEvents(2);
    await append(stream, batch, NO_STREAM);

    // Same first events at the same place, one more new event: CorruptedIdempotency.
    await expect(append(stream, [...batch, ...testEvents(1)], NO_STREAM)).rejects.toThrow(WrongExpectedVersionError);
    // With `any`: first id already written, second one new.
    await expect(append(stream, [batch[0], ...testEvents(1)], ANY)).rejects.toThrow(WrongExpectedVersionError);

    expect(ids(await readWhole(ctx.client, stream))).toEqual(batch.map((e) => e.id));
  });

  test('event ids are only deduplicated within one stream', async () => {
    const first = uniqueStream('idem-first');
    const second = uniqueStream('idem-second');
    const batch = testEvents(2);
    await append(first, batch, ANY);
    const result = await append(second, batch, ANY);
    expect(result.nextExpectedRevision).toBe(1n);
    expect(ids(await readWhole(ctx.client, second))).toEqual(batch.map((e) => e.id));
    expect(ids(await readWhole(ctx.client, first))).toEqual(batch.map((e) => e.id));
  });

  test('a retried single event (same id, same payload) is not duplicated', async () => {
    const stream = uniqueStream('idem-single');
    const event = jsonEvent({ type: 'Single', data: { n: 1 } });
    await append(stream, [event], ANY);
    await append(stream, [event], ANY);
    await append(stream, [event], NO_STREAM);
    expect(ids(await readWhole(ctx.client, stream))).toEqual([event.id]);
  });
});
