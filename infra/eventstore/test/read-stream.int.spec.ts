// Reading one stream forwards and backwards, from a revision, with a max count.
// Reference: EventStore src/EventStore.Core/Services/Transport/Enumerators/Enumerator.ReadStreamForwards.cs and
// ...ReadStreamBackwards.cs (pages until maxCount or the end; NoStream -> stream_not_found),
// src/EventStore.Core/Services/Storage/ReaderIndex/IndexReader.cs (inclusive `from` revision in both directions),
// and the Node client's packages/test/src/streams/readStream.test.ts (v6.2.1).
import {
  AppendResult,
  BACKWARDS,
  END,
  EventData,
  FORWARDS,
  START,
  StreamNotFoundError,
  binaryEvent,
  jsonEvent,
} from '@eventstore/db-client';
import { caught, collect, expectStrictlyIncreasing, ids, readWhole, revisions, range, uniqueStream, withServer } from './support';

const ctx = withServer();

const stream = uniqueStream('read-stream');
let appended: EventData[];
let lastAppend: AppendResult;
const startedAt = Date.now();

beforeAll(async () => {
  const json = Array.from({ length: 10 }, (_, i) =>
    jsonEvent({
      type: i % 2 === 0 ? 'ItemAdded' : 'ItemRemoved',
      data: { index: i, text: `item ${i}`, nested: { values: [i, i * 2], flag: i % 3 === 0 } },
      ...(i % 4 === 0 && { metadata: { correlationId: `corr-${i}`, n: i } }),
    }),
  );
  const binary = [
    binaryEvent({ type: 'Blob', data: Uint8Array.from([0, 1, 2, 250, 255, 0]) }),
    binaryEvent({ type: 'Blob', data: Buffer.from('tail'), metadata: Uint8Array.from([9, 8, 7]) }),
  ];
  appended = [...json, ...binary];
  // Several appends, so positions come from different writes; a neighbour stream is written in between.
  await ctx.client.appendToStream(stream, appended.slice(0, 4));
  await ctx.client.appendToStream(`${stream}-neighbour`, [jsonEvent({ type: 'Other', data: {} })]);
  await ctx.client.appendToStream(stream, appended.slice(4, 9));
  lastAppend = await ctx.client.appendToStream(stream, appended.slice(9));
});

test('forwards from the start returns every event once, in order, as written', async () => {
  const events = await readWhole(ctx.client, stream);
  expect(revisions(events)).toEqual(range(0, 12));
  expect(ids(events)).toEqual(appended.map((e) => e.id));
  events.forEach(({ event }, i) => {
    const sent = appended[i];
    expect(event!.streamId).toBe(stream);
    expect(event!.type).toBe(sent.type);
    expect(event!.isJson).toBe(sent.contentType === 'application/json');
    if (sent.contentType === 'application/json') {
      expect(event!.data).toEqual(sent.data);
      expect(event!.metadata).toEqual(sent.metadata);
    } else {
      expect(Buffer.from(event!.data as Uint8Array)).toEqual(Buffer.from(sent.data));
    }
  });
  expect(Buffer.from(events[11].event!.metadata as Uint8Array)).toEqual(Buffer.from([9, 8, 7]));
  expect(events[10].event!.metadata).toBeUndefined();
});

test('events carry their log position: increasing with the revision, the last one the append result', async () => {
  const events = await readWhole(ctx.client, stream);
  const positions = events.map((e) => e.event!.position!);
  expect(positions.every((p) => p !== undefined)).toBe(true);
  expectStrictlyIncreasing(positions);
  expect(positions[11]).toEqual(lastAppend.position);
});

test('events carry the time they were written', async () => {
  const events = await readWhole(ctx.client, stream);
  const times = events.map((e) => e.event!.created.getTime());
  // Loose bounds (clock, not speed): written during this test run.
  for (const t of times) {
    expect(t).toBeGreaterThanOrEqual(startedAt - 60_000);
    expect(t).toBeLessThanOrEqual(Date.now() + 60_000);
  }
  expect([...times].sort((a, b) => a - b)).toEqual(times);
});

test('forwards from a revision (inclusive) with a max count', async () => {
  const events = await collect(ctx.client.readStream(stream, { fromRevision: 3n, maxCount: 4 }));
  expect(revisions(events)).toEqual(range(3, 4));
  expect(ids(events)).toEqual(appended.slice(3, 7).map((e) => e.id));
});

test('forwards with a max count larger than the stream, and with a bigint max count', async () => {
  expect(revisions(await collect(ctx.client.readStream(stream, { fromRevision: 9n, maxCount: 100 })))).toEqual(range(9, 3));
  expect(revisions(await collect(ctx.client.readStream(stream, { fromRevision: START, maxCount: 2n })))).toEqual(range(0, 2));
});

test('forwards from past the end returns nothing, without error', async () => {
  expect(await collect(ctx.client.readStream(stream, { fromRevision: 12n }))).toEqual([]);
  expect(await collect(ctx.client.readStream(stream, { fromRevision: 1000n }))).toEqual([]);
});

test('backwards from the end is the exact reverse of forwards', async () => {
  const forwards = await readWhole(ctx.client, stream);
  const backwards = await collect(ctx.client.readStream(stream, { direction: BACKWARDS, fromRevision: END }));
  expect(backwards.map((e) => e.event)).toEqual([...forwards].reverse().map((e) => e.event));
});

test('backwards from a revision (inclusive) with a max count', async () => {
  expect(revisions(await collect(ctx.client.readStream(stream, { direction: BACKWARDS, fromRevision: 5n, maxCount: 3 })))).toEqual([
    5n,
    4n,
    3n,
  ]);
  expect(revisions(await collect(ctx.client.readStream(stream, { direction: BACKWARDS, fromRevision: 1n })))).toEqual([1n, 0n]);
  expect(revisions(await collect(ctx.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 2 })))).toEqual([
    11n,
    10n,
  ]);
});

test('backwards from past the end starts at the last event', async () => {
  // IndexReader.ReadStreamEventsBackward: an empty first page that is not the end moves on to the last event.
  const events = await collect(ctx.client.readStream(stream, { direction: BACKWARDS, fromRevision: 500n, maxCount: 3 }));
  expect(revisions(events)).toEqual([11n, 10n, 9n]);
});

test('a stream that was never written is not found, in both directions', async () => {
  const missing = uniqueStream('never-written');
  for (const direction of [FORWARDS, BACKWARDS] as const) {
    const error = await caught(() =>
      collect(ctx.client.readStream(missing, { direction, fromRevision: direction === FORWARDS ? START : END })),
    );
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect((error as StreamNotFoundError).streamName).toBe(missing);
  }
});

test('streams whose names share a prefix do not leak into each other', async () => {
  const events = await readWhole(ctx.client, stream);
  expect(events.every((e) => e.event!.streamId === stream)).toBe(true);
  const neighbour = await readWhole(ctx.client, `${stream}-neighbour`);
  expect(revisions(neighbour)).toEqual([0n]);
  expect(neighbour[0].event!.type).toBe('Other');
});

test('stream names and JSON data are UTF-8 throughout', async () => {
  const name = uniqueStream('ünïcødé-流-🦃');
  const data = { text: 'CC ‐ 1830 – ☃ – 🍗', quote: '"\\' };
  await ctx.client.appendToStream(name, jsonEvent({ type: 'Ünïcødé-type', data }));
  const [{ event }] = await readWhole(ctx.client, name);
  expect(event!.streamId).toBe(name);
  expect(event!.type).toBe('Ünïcødé-type');
  expect(event!.data).toEqual(data);
});

test('an empty JSON object, a JSON string and an empty binary payload round-trip', async () => {
  const name = uniqueStream('payloads');
  const sent = [
    jsonEvent({ type: 'Empty', data: {} }),
    jsonEvent({ type: 'Str', data: 'just a string' }),
    binaryEvent({ type: 'Nothing', data: new Uint8Array(0) }),
  ];
  await ctx.client.appendToStream(name, sent);
  const events = await readWhole(ctx.client, name);
  expect(events[0].event!.data).toEqual({});
  expect(events[1].event!.data).toBe('just a string');
  expect((events[2].event!.data as Uint8Array).length).toBe(0);
});
