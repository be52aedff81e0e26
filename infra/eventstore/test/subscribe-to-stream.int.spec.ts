// Catch-up subscriptions to one stream: history, then one caughtUp, then live events, nothing lost or repeated.
// Reference: EventStore src/EventStore.Core/Services/Transport/Enumerators/Enumerator.StreamSubscription.cs:
//  - confirmation first; the checkpoint revision is *exclusive* (events after it are sent; `END` = the last event
//    at subscription time; START = from revision 0);
//  - caughtUp is sent when switching to live (for END: at once); a subscription to a stream that does not exist
//    yet catches up empty and waits; a deleted ($streamDeleted) stream ends it with StreamDeleted.
// Node client packages/test/src/streams/subscribeToStream.test.ts (v6.2.1): fromRevision 2 of 4 events gives 1
// event before caughtUp; caughtUp is emitted once for servers >= 23.10.
import { END, EventStoreDBClient, ResolvedEvent, START, StreamDeletedError, jsonEvent } from '@eventstore/db-client';
import { SubscriptionRecorder, delay, ids, readWhole, revisions, range, testEvents, uniqueStream, withServer } from './support';

const ctx = withServer();

function subscribe(stream: string, fromRevision: bigint | typeof START | typeof END = START, client: EventStoreDBClient = ctx.client) {
  const recorder = new SubscriptionRecorder<ResolvedEvent>();
  recorder.attach(client.subscribeToStream(stream, { fromRevision }));
  return recorder;
}

const recorders: SubscriptionRecorder<ResolvedEvent>[] = [];
const track = (r: SubscriptionRecorder<ResolvedEvent>) => (recorders.push(r), r);
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((r) => r.stop()));
});

test('from the start: history, one caughtUp, then live events', async () => {
  const stream = uniqueStream('sub-start');
  const history = testEvents(4);
  await ctx.client.appendToStream(stream, history);

  const sub = track(subscribe(stream, START));
  await sub.waitForCaughtUp();
  const live = testEvents(3, { start: 4 });
  await ctx.client.appendToStream(stream, live);
  await sub.waitForEvents((e) => e.length >= 7, '7 events');
  await delay(100); // anything extra (a duplicate) would arrive now

  expect(sub.confirmations).toBe(1);
  expect(sub.caughtUp).toEqual([4]);
  expect(revisions(sub.events)).toEqual(range(0, 7));
  expect(ids(sub.events)).toEqual([...history, ...live].map((e) => e.id));
  expect(sub.errors).toEqual([]);
});

test('from a revision: only the events after it', async () => {
  const stream = uniqueStream('sub-rev');
  await ctx.client.appendToStream(stream, testEvents(5));

  const sub = track(subscribe(stream, 2n));
  await sub.waitForCaughtUp();
  await ctx.client.appendToStream(stream, testEvents(2, { start: 5 }));
  await sub.waitForEvents((e) => e.length >= 4, '4 events');
  await delay(100);

  expect(sub.caughtUp).toEqual([2]);
  expect(revisions(sub.events)).toEqual([3n, 4n, 5n, 6n]);
});

test('from END: no history, caughtUp at once, then only new events', async () => {
  const stream = uniqueStream('sub-end');
  await ctx.client.appendToStream(stream, testEvents(4));

  const sub = track(subscribe(stream, END));
  await sub.waitForCaughtUp();
  expect(sub.events).toEqual([]);
  await ctx.client.appendToStream(stream, testEvents(3, { start: 4 }));
  await sub.waitForEvents((e) => e.length >= 3, '3 live events');
  await delay(100);

  expect(sub.caughtUp).toEqual([0]);
  expect(revisions(sub.events)).toEqual([4n, 5n, 6n]);
});

test('to a stream that does not exist yet: caught up empty, then receives it from revision 0', async () => {
  const stream = uniqueStream('sub-future');
  const sub = track(subscribe(stream, START));
  await sub.waitForCaughtUp();
  expect(sub.events).toEqual([]);

  await ctx.client.appendToStream(stream, testEvents(2));
  await ctx.client.appendToStream(`${stream}-other`, testEvents(2));
  await ctx.client.appendToStream(stream, testEvents(1, { start: 2 }));
  await sub.waitForEvents((e) => e.length >= 3, '3 events');
  await delay(100);
  expect(revisions(sub.events)).toEqual(range(0, 3));
  expect(sub.events.every((e) => e.event!.streamId === stream)).toBe(true);
});

test('subscribers joining while appends run get every event exactly once, in order', async () => {
  const stream = uniqueStream('sub-switch');
  const total = 120;
  const writer = (async () => {
    for (let i = 0; i < total; i += 3) {
      await ctx.client.appendToStream(stream, testEvents(3, { start: i }));
    }
  })();

  // Subscribers start at different points of the history, so the catch-up/live switch happens mid-stream.
  const joined: SubscriptionRecorder<ResolvedEvent>[] = [];
  const other = ctx.newClient();
  for (let i = 0; i < 6; i++) {
    joined.push(track(subscribe(stream, START, i % 2 === 0 ? ctx.client : other)));
    await delay(15);
  }
  await writer;

  for (const sub of joined) {
    await sub.waitForEvents((e) => e.length >= total, `${total} events`);
  }
  await delay(100);
  const written = ids(await readWhole(ctx.client, stream));
  for (const sub of joined) {
    expect(revisions(sub.events)).toEqual(range(0, total));
    expect(ids(sub.events)).toEqual(written);
    expect(sub.caughtUp.length).toBeGreaterThanOrEqual(1);
    expect(sub.errors).toEqual([]);
  }
});

test('a subscriber that stops reading while thousands of events are written misses none of them', async () => {
  // Back-pressure must not make the server drop live events (EventStoreDB falls back to catch-up reads:
  // Enumerator.StreamSubscription.GoLive -> NotifyFellBehind -> CatchUp).
  const stream = uniqueStream('sub-slow');
  const sub = track(subscribe(stream, START));
  await sub.waitForCaughtUp();
  sub.subscription!.pause();
  const payload = 'p'.repeat(1_000);
  for (let i = 0; i < 40; i++) {
    await ctx.client.appendToStream(stream, Array.from({ length: 50 }, (_, j) => jsonEvent({ type: 'Slow', data: { i, j, payload } })));
  }
  sub.subscription!.resume();
  await sub.waitForEvents((e) => e.length >= 2_000, '2000 events', 20_000);
  await delay(150);
  expect(revisions(sub.events)).toEqual(range(0, 2_000));
});

test('many subscribers on one stream each receive every event', async () => {
  const stream = uniqueStream('sub-many');
  const clients = [ctx.client, ctx.newClient(), ctx.newClient()];
  const subs = Array.from({ length: 24 }, (_, i) => track(subscribe(stream, START, clients[i % clients.length])));
  await Promise.all(subs.map((s) => s.waitForCaughtUp()));

  await ctx.client.appendToStream(stream, testEvents(10));
  await Promise.all(subs.map((s) => s.waitForEvents((e) => e.length >= 10, '10 events')));
  await delay(100);
  for (const sub of subs) expect(revisions(sub.events)).toEqual(range(0, 10));
});

test('tombstoning the stream delivers the $streamDeleted event, then ends the subscription with StreamDeletedError', async () => {
  // Enumerator.StreamSubscription.SendEventToSubscription sends the tombstone, then throws StreamDeleted
  // (Enumerator.StreamSubscription.CombinationTests: an event numbered EventNumber.DeletedStream, then the error).
  const stream = uniqueStream('sub-tombstone');
  await ctx.client.appendToStream(stream, testEvents(2));
  const sub = track(subscribe(stream, START));
  await sub.waitForCaughtUp();
  await ctx.client.tombstoneStream(stream);
  const error = await sub.waitForError();
  expect(error).toBeInstanceOf(StreamDeletedError);
  expect(sub.events.map((e) => [e.event!.type, e.event!.revision])).toEqual([
    ['TestEvent', 0n],
    ['TestEvent', 1n],
    ['$streamDeleted', 9223372036854775807n],
  ]);
});

test('subscribing to a tombstoned stream fails with StreamDeletedError', async () => {
  const stream = uniqueStream('sub-tombstoned');
  await ctx.client.appendToStream(stream, testEvents(2));
  await ctx.client.tombstoneStream(stream);
  const sub = track(subscribe(stream, START));
  const error = await sub.waitForError();
  expect(error).toBeInstanceOf(StreamDeletedError);
  expect(sub.events).toEqual([]);
});

test('a soft-deleted stream catches up empty; when recreated, the new events arrive with continuing revisions', async () => {
  const stream = uniqueStream('sub-softdeleted');
  await ctx.client.appendToStream(stream, testEvents(3));
  await ctx.client.deleteStream(stream);

  const sub = track(subscribe(stream, START));
  await sub.waitForCaughtUp();
  expect(sub.events).toEqual([]);
  await ctx.client.appendToStream(stream, testEvents(2, { start: 3 }));
  await sub.waitForEvents((e) => e.length >= 2, '2 events');
  await delay(100);
  expect(revisions(sub.events)).toEqual([3n, 4n]);
});

test('a soft delete while subscribed delivers nothing and does not end the subscription', async () => {
  const stream = uniqueStream('sub-softdelete-live');
  await ctx.client.appendToStream(stream, testEvents(2));
  const sub = track(subscribe(stream, START));
  await sub.waitForCaughtUp();
  await ctx.client.deleteStream(stream);
  await delay(300);
  expect(revisions(sub.events)).toEqual([0n, 1n]);
  await ctx.client.appendToStream(stream, testEvents(1, { start: 2 }));
  await sub.waitForEvents((e) => e.length >= 3, 'the event recreating the stream');
  expect(revisions(sub.events)).toEqual([0n, 1n, 2n]);
  expect(sub.errors).toEqual([]);
});
