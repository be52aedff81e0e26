// Reading $all forwards and backwards from a position.
// Reference: EventStore src/EventStore.Core/Services/Storage/ReaderIndex/AllReader.cs: forwards returns records at
// or after the position; backwards returns records that end at or before it (so the event *at* the position is
// not included); each committed event has commit == prepare == its own log position.
// The Node client's readAll.test.ts ("from position": reading 1 from an event's position returns that event) and
// readStream.test.ts ("populates log position": the append result is the position of the last event written).
import { AllStreamResolvedEvent, AppendResult, BACKWARDS, END, FORWARDS, START, jsonEvent } from '@eventstore/db-client';
import { collect, comparePositions, expectStrictlyIncreasing, lastPosition, readAllForwards, testEvents, uniqueStream, withServer } from './support';

const ctx = withServer();

const a = uniqueStream('all-a');
const b = uniqueStream('all-b');
const writes: Array<{ stream: string; ids: string[]; result: AppendResult }> = [];

beforeAll(async () => {
  for (const [stream, count] of [
    [a, 3],
    [b, 2],
    [a, 1],
    [b, 4],
    [a, 2],
  ] as const) {
    const events = testEvents(count, { tag: stream });
    writes.push({ stream, ids: events.map((e) => e.id), result: await ctx.client.appendToStream(stream, events) });
  }
});

const ours = (events: AllStreamResolvedEvent[]) => events.filter((e) => e.event && [a, b].includes(e.event.streamId));
const key = (e: AllStreamResolvedEvent) => `${e.event!.streamId}@${e.event!.revision}#${e.event!.id}`;

test('forwards from the start holds our events in the order they were appended', async () => {
  const events = ours(await readAllForwards(ctx.client));
  expect(events.map((e) => e.event!.id)).toEqual(writes.flatMap((w) => w.ids));
  expect(events.filter((e) => e.event!.streamId === a).map((e) => e.event!.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
});

test('positions strictly increase over the whole log', async () => {
  const all = await readAllForwards(ctx.client);
  expect(all.length).toBeGreaterThanOrEqual(12);
  expectStrictlyIncreasing(all.map((e) => e.event!.position));
});

test('an event has the same position in $all as in its stream, and an append reports its last event', async () => {
  const all = ours(await readAllForwards(ctx.client));
  const fromStreams = [...(await collect(ctx.client.readStream(a))), ...(await collect(ctx.client.readStream(b)))];
  for (const e of all) {
    const same = fromStreams.find((s) => s.event!.id === e.event!.id);
    expect(same?.event?.position).toEqual(e.event!.position);
  }
  for (const write of writes) {
    const last = all.find((e) => e.event!.id === write.ids[write.ids.length - 1]);
    expect(write.result.position).toEqual(last!.event!.position);
  }
});

test('backwards from the end is the exact reverse of forwards from the start', async () => {
  const forwards = await readAllForwards(ctx.client);
  const backwards = await collect(ctx.client.readAll({ direction: BACKWARDS, fromPosition: END }));
  expect(backwards.map(key)).toEqual([...forwards].reverse().map(key));
  expect(backwards.map((e) => e.event!.position)).toEqual([...forwards].reverse().map((e) => e.event!.position));
});

test('forwards from an event position starts with that event', async () => {
  const all = await readAllForwards(ctx.client);
  const k = all.findIndex((e) => e.event!.id === writes[1].ids[1]);
  const page = await collect(ctx.client.readAll({ fromPosition: all[k].event!.position, maxCount: 3 }));
  expect(page.map(key)).toEqual(all.slice(k, k + 3).map(key));
});

test('backwards from an event position starts with the event before it', async () => {
  const all = await readAllForwards(ctx.client);
  const k = all.findIndex((e) => e.event!.id === writes[3].ids[0]);
  const page = await collect(ctx.client.readAll({ direction: BACKWARDS, fromPosition: all[k].event!.position, maxCount: 3 }));
  expect(page.map(key)).toEqual(all.slice(k - 3, k).reverse().map(key));
});

test('paging forwards with maxCount from the position after a page walks the whole log', async () => {
  const all = await readAllForwards(ctx.client);
  const paged: AllStreamResolvedEvent[] = [];
  let page = await collect(ctx.client.readAll({ fromPosition: START, maxCount: 5 }));
  while (page.length > 0) {
    paged.push(...page);
    // The next page starts at the last event read (inclusive), so skip it.
    const next = await collect(ctx.client.readAll({ fromPosition: page[page.length - 1].event!.position, maxCount: 6 }));
    page = next.slice(1);
  }
  expect(paged.map(key)).toEqual(all.map(key));
});

test('maxCount limits a read', async () => {
  const all = await readAllForwards(ctx.client);
  expect((await collect(ctx.client.readAll({ direction: FORWARDS, maxCount: 2 }))).map(key)).toEqual(all.slice(0, 2).map(key));
  expect((await collect(ctx.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2n }))).map(key)).toEqual(
    all.slice(-2).reverse().map(key),
  );
});

test('forwards from the end returns nothing', async () => {
  expect(await collect(ctx.client.readAll({ direction: FORWARDS, fromPosition: END }))).toEqual([]);
});

test('new events get positions after everything already in the log', async () => {
  const before = await lastPosition(ctx.client);
  const c = uniqueStream('all-c');
  const result = await ctx.client.appendToStream(c, testEvents(3));
  const after = await collect(ctx.client.readAll({ fromPosition: before!, maxCount: 10 }));
  // Inclusive start: the first one read is the old last event, then exactly the new ones.
  expect(after.map((e) => e.event!.streamId)).toEqual([after[0].event!.streamId, c, c, c]);
  expect(comparePositions(after[1].event!.position, before!)).toBe(1);
  expect(after[3].event!.position).toEqual(result.position);
});

test('the events of one append are contiguous in $all, even with other writers', async () => {
  const streams = Array.from({ length: 4 }, (_, i) => uniqueStream(`all-contig-${i}`));
  const batches = streams.map((s) => Array.from({ length: 5 }, (_, i) => jsonEvent({ type: 'Contig', data: { s, i } })));
  await Promise.all(streams.map((s, i) => ctx.client.appendToStream(s, batches[i])));
  const all = (await readAllForwards(ctx.client)).filter((e) => streams.includes(e.event!.streamId));
  expect(all).toHaveLength(20);
  for (let i = 0; i < all.length; i += 5) {
    const group = all.slice(i, i + 5);
    expect(new Set(group.map((e) => e.event!.streamId)).size).toBe(1);
    expect(group.map((e) => e.event!.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
  }
});
