// Catch-up subscriptions to $all: history then live with nothing lost or repeated, server-side filters and
// checkpoints, many subscribers.
// Reference: EventStore src/EventStore.Core/Services/Transport/Enumerators/Enumerator.AllSubscription.cs and
// Enumerator.AllSubscriptionFiltered.cs (position checkpoint is exclusive: events *after* it are sent; a checkpoint
// is sent when catch-up ends and every `checkpointIntervalMultiplier * maxSearchWindow` (32 by default) considered
// events; events at or before the last checkpoint are never sent afterwards), EventFilter.cs (prefixes:
// StartsWith; regex: Regex.IsMatch, i.e. unanchored), SubscriptionsService.cs (live checkpoints).
// Node client packages/test/src/streams/subscribeToAll.test.ts and subscribeToAll-filters.test.ts (v6.2.1).
import {
  AllStreamResolvedEvent,
  END,
  EventStoreDBClient,
  Filter,
  Position,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  SubscriptionRecorder,
  comparePositions,
  delay,
  expectStrictlyIncreasing,
  lastPosition,
  readAllForwards,
  testEvents,
  uniqueStream,
  waitFor,
  withServer,
} from './support';

const ctx = withServer();

type AllRecorder = SubscriptionRecorder<AllStreamResolvedEvent>;
const recorders: AllRecorder[] = [];
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((r) => r.stop()));
});

function subscribe(
  options: { fromPosition?: Position | typeof START | typeof END; filter?: (recorder: AllRecorder) => Filter } = {},
  client: EventStoreDBClient = ctx.client,
): AllRecorder {
  const recorder = new SubscriptionRecorder<AllStreamResolvedEvent>();
  recorder.attach(
    client.subscribeToAll({ fromPosition: options.fromPosition ?? START, ...(options.filter && { filter: options.filter(recorder) }) }),
  );
  recorders.push(recorder);
  return recorder;
}

const idsOf = (events: AllStreamResolvedEvent[]) => events.map((e) => e.event!.id);
const prefixed = (prefix: string) => (events: AllStreamResolvedEvent[]) => events.filter((e) => e.event!.streamId.startsWith(prefix));

test('from the start: history, one caughtUp, then live; positions strictly increase', async () => {
  const prefix = uniqueStream('all-start');
  const history = testEvents(5);
  await ctx.client.appendToStream(`${prefix}-a`, history);

  const sub = subscribe();
  await sub.waitForCaughtUp();
  const live = testEvents(3);
  await ctx.client.appendToStream(`${prefix}-b`, live);
  await sub.waitForEvents((e) => prefixed(prefix)(e).length >= 8, '8 events');
  await delay(100);

  expect(sub.confirmations).toBe(1);
  expect(sub.caughtUp).toHaveLength(1);
  expect(idsOf(prefixed(prefix)(sub.events))).toEqual([...history, ...live].map((e) => e.id));
  expectStrictlyIncreasing(sub.events.map((e) => e.event!.position));
  // History before caughtUp is exactly what $all held then, in the same order.
  const all = await readAllForwards(ctx.client);
  expect(idsOf(sub.events)).toEqual(idsOf(all));
  expect(sub.caughtUp[0]).toBeGreaterThanOrEqual(all.findIndex((e) => e.event!.id === history[4].id) + 1);
});

test('from a position: only the events after it', async () => {
  const prefix = uniqueStream('all-pos');
  const marker = await ctx.client.appendToStream(`${prefix}-a`, testEvents(2));
  const after = testEvents(3);
  await ctx.client.appendToStream(`${prefix}-b`, after);

  const sub = subscribe({ fromPosition: marker.position! });
  await sub.waitForCaughtUp();
  const live = testEvents(1);
  await ctx.client.appendToStream(`${prefix}-a`, live);
  await sub.waitForEvents((e) => e.length >= 4, '4 events');
  await delay(100);

  expect(idsOf(sub.events)).toEqual([...after, ...live].map((e) => e.id));
  expect(sub.caughtUp).toEqual([3]);
});

test('from END: caughtUp at once, then only new events', async () => {
  const prefix = uniqueStream('all-end');
  await ctx.client.appendToStream(`${prefix}-a`, testEvents(3));
  const sub = subscribe({ fromPosition: END });
  await sub.waitForCaughtUp();
  expect(sub.events).toEqual([]);
  const live = testEvents(2);
  await ctx.client.appendToStream(`${prefix}-a`, live);
  await sub.waitForEvents((e) => e.length >= 2, '2 events');
  await delay(100);
  expect(idsOf(sub.events)).toEqual(live.map((e) => e.id));
  expect(sub.caughtUp).toEqual([0]);
});

test('subscribers joining while several writers append see every event exactly once, in log order', async () => {
  const prefix = uniqueStream('all-switch');
  const start = await lastPosition(ctx.client);
  const streams = [0, 1, 2].map((i) => `${prefix}-${i}`);
  const perStream = 60;
  const writers = streams.map(async (stream, w) => {
    const client = w === 0 ? ctx.client : ctx.newClient();
    for (let i = 0; i < perStream; i += 2) await client.appendToStream(stream, testEvents(2, { start: i }));
  });

  const joined: AllRecorder[] = [];
  for (let i = 0; i < 6; i++) {
    joined.push(subscribe({ fromPosition: start! }, i % 2 ? ctx.newClient() : ctx.client));
    await delay(20);
  }
  await Promise.all(writers);

  const total = streams.length * perStream;
  for (const sub of joined) await sub.waitForEvents((e) => prefixed(prefix)(e).length >= total, `${total} events`);
  await delay(100);
  const expected = idsOf(prefixed(prefix)(await readAllForwards(ctx.client)));
  expect(expected).toHaveLength(total);
  for (const sub of joined) {
    expect(idsOf(prefixed(prefix)(sub.events))).toEqual(expected);
    expectStrictlyIncreasing(sub.events.map((e) => e.event!.position));
    expect(sub.errors).toEqual([]);
  }
});

test('many subscribers at once each receive every new event', async () => {
  const prefix = uniqueStream('all-many');
  const clients = [ctx.client, ctx.newClient(), ctx.newClient()];
  const subs = Array.from({ length: 20 }, (_, i) => subscribe({ fromPosition: END }, clients[i % clients.length]));
  await Promise.all(subs.map((s) => s.waitForCaughtUp()));
  const events = testEvents(8);
  await ctx.client.appendToStream(`${prefix}-x`, events);
  await Promise.all(subs.map((s) => s.waitForEvents((e) => prefixed(prefix)(e).length >= 8, '8 events')));
  await delay(100);
  for (const sub of subs) expect(idsOf(prefixed(prefix)(sub.events))).toEqual(events.map((e) => e.id));
});

test('a subscriber that stops reading while thousands of events are written misses none of them', async () => {
  // The client stops pulling, HTTP/2 flow control pushes back on the server, which must not drop live events
  // (EventStoreDB switches such a subscription back to catch-up: Enumerator.AllSubscription "fell behind").
  const prefix = uniqueStream('all-slow');
  const sub = subscribe({ fromPosition: END });
  await sub.waitForCaughtUp();
  const subscription = sub.subscription!;
  subscription.pause();
  const written: string[] = [];
  const payload = 'p'.repeat(1_000);
  for (let i = 0; i < 40; i++) {
    const batch = Array.from({ length: 50 }, (_, j) => jsonEvent({ type: 'Slow', data: { i, j, payload } }));
    await ctx.client.appendToStream(`${prefix}-${i % 3}`, batch);
    written.push(...batch.map((e) => e.id));
  }
  subscription.resume();
  await sub.waitForEvents((e) => e.length >= written.length, `${written.length} events`, 20_000);
  await delay(150);
  expect(idsOf(sub.events)).toEqual(written);
  expectStrictlyIncreasing(sub.events.map((e) => e.event!.position));
});

describe('server-side filters (history and live)', () => {
  /** Writes `before`, subscribes from the start with `filter`, writes `after`, and returns what the filter let through. */
  async function filtered(filter: Filter, before: Array<[string, ReturnType<typeof jsonEvent>[]]>, after: Array<[string, ReturnType<typeof jsonEvent>[]]>, expectedCount: number) {
    for (const [stream, events] of before) await ctx.client.appendToStream(stream, events);
    const sub = subscribe({ filter: () => filter });
    await sub.waitForCaughtUp();
    for (const [stream, events] of after) await ctx.client.appendToStream(stream, events);
    await sub.waitForEvents((e) => e.length >= expectedCount, `${expectedCount} filtered events`);
    await delay(150);
    return sub;
  }

  test('stream name prefixes', async () => {
    const p = uniqueStream('pfx');
    const [a, b, c, outside] = [testEvents(3), testEvents(2), testEvents(2), testEvents(2)];
    const sub = await filtered(
      streamNameFilter({ prefixes: [`${p}-a`, `${p}-b`] }),
      [
        [`${p}-a1`, a],
        [`${p}-c`, c],
        [`x${p}-a`, outside],
      ],
      [
        [`${p}-b`, b],
        [`${p}-c`, testEvents(1)],
      ],
      5,
    );
    expect(idsOf(sub.events)).toEqual([...a, ...b].map((e) => e.id));
  });

  test('stream name regex (unanchored, like Regex.IsMatch)', async () => {
    const token = randomToken();
    const [one, two, other] = [testEvents(2), testEvents(2), testEvents(2)];
    const sub = await filtered(
      streamNameFilter({ regex: `${token}-(one|two)$` }),
      [
        [`left-${token}-one`, one],
        [`${token}-three`, other],
      ],
      [
        [`${token}-two`, two],
        [`${token}-two-not`, testEvents(1)],
      ],
      4,
    );
    expect(idsOf(sub.events)).toEqual([...one, ...two].map((e) => e.id));
  });

  test('event type prefixes', async () => {
    const t = randomToken();
    const stream = uniqueStream('etype');
    const created = testEvents(2, { type: `${t}Created` });
    const updated = testEvents(1, { type: `${t}Updated` });
    const sub = await filtered(
      eventTypeFilter({ prefixes: [t] }),
      [[stream, [...created, ...testEvents(2, { type: `Other${t}` })]]],
      [[uniqueStream('etype2'), [...testEvents(1, { type: 'Unrelated' }), ...updated]]],
      3,
    );
    expect(idsOf(sub.events)).toEqual([...created, ...updated].map((e) => e.id));
  });

  test('event type regex', async () => {
    const t = randomToken();
    const stream = uniqueStream('etype-re');
    const wanted = [...testEvents(1, { type: `${t}.v1` }), ...testEvents(1, { type: `${t}.v22` })];
    const sub = await filtered(
      eventTypeFilter({ regex: `^${t}\\.v[0-9]+$` }),
      [[stream, [wanted[0], ...testEvents(1, { type: `${t}.vX` })]]],
      [[stream, [...testEvents(1, { type: `pre-${t}.v1` }), wanted[1]]]],
      2,
    );
    expect(idsOf(sub.events)).toEqual(wanted.map((e) => e.id));
  });

  test('excludeSystemEvents drops $-typed events ($metadata, $streamDeleted) and keeps the rest', async () => {
    const stream = uniqueStream('nosys');
    const start = await lastPosition(ctx.client);
    const first = testEvents(2);
    await ctx.client.appendToStream(stream, first);
    await ctx.client.setStreamMetadata(stream, { maxCount: 100 });
    const doomed = uniqueStream('nosys-doomed');
    await ctx.client.appendToStream(doomed, testEvents(1));
    await ctx.client.tombstoneStream(doomed);
    const last = testEvents(1);
    await ctx.client.appendToStream(stream, last);

    // Unfiltered, $all does hold system events in that range (or this test would prove nothing).
    const unfiltered = (await readAllForwards(ctx.client)).filter((e) => comparePositions(e.event!.position, start!) > 0);
    expect(unfiltered.some((e) => e.event!.type.startsWith('$'))).toBe(true);

    const sub = subscribe({ fromPosition: start!, filter: () => excludeSystemEvents() });
    await sub.waitForEvents((e) => e.some((x) => x.event!.id === last[0].id), 'the last event');
    expect(sub.events.some((e) => e.event!.type.startsWith('$'))).toBe(false);
    expect(idsOf(sub.events)).toEqual(
      unfiltered.filter((e) => !e.event!.type.startsWith('$')).map((e) => e.event!.id),
    );
  });

  test('many filtered subscribers at once each see only their own streams', async () => {
    const p = uniqueStream('iso');
    const subs = Array.from({ length: 10 }, (_, i) => subscribe({ fromPosition: END, filter: () => streamNameFilter({ prefixes: [`${p}-${i}-`] }) }));
    await Promise.all(subs.map((s) => s.waitForCaughtUp()));
    await Promise.all(subs.map((_, i) => ctx.client.appendToStream(`${p}-${i}-s`, testEvents(i + 1))));
    await Promise.all(subs.map((s, i) => s.waitForEvents((e) => e.length >= i + 1, `${i + 1} events`)));
    await delay(150);
    subs.forEach((s, i) => {
      expect(s.events).toHaveLength(i + 1);
      expect(s.events.every((e) => e.event!.streamId === `${p}-${i}-s`)).toBe(true);
    });
  });
});

describe('checkpoints', () => {
  test('a filtered subscription reports a checkpoint when it catches up; checkpoints grow and never precede later events', async () => {
    const p = uniqueStream('ckpt');
    await ctx.client.appendToStream(`${p}-a`, testEvents(2));
    await ctx.client.appendToStream(uniqueStream('ckpt-noise'), testEvents(40));

    const sub = subscribe({ filter: (r) => streamNameFilter({ prefixes: [p], checkpointReached: r.onCheckpoint }) });
    await sub.waitForCaughtUp();
    await waitForCheckpoints(sub, 1);
    await ctx.client.appendToStream(uniqueStream('ckpt-noise'), testEvents(100));
    await ctx.client.appendToStream(`${p}-b`, testEvents(2));
    await sub.waitForEvents((e) => e.length >= 4, '4 events');
    await delay(150);

    const checkpoints = sub.checkpoints.map((c) => c.position);
    expectStrictlyIncreasing(checkpoints);
    for (const { position, eventsBefore } of sub.checkpoints) {
      for (const later of sub.events.slice(eventsBefore)) {
        expect(comparePositions(later.event!.position, position)).toBe(1);
      }
      for (const earlier of sub.events.slice(0, eventsBefore)) {
        expect(comparePositions(earlier.event!.position, position)).toBeLessThanOrEqual(0);
      }
    }
  });

  test('live checkpoints keep coming while only unmatched events are written (every 32 considered events)', async () => {
    const p = uniqueStream('ckpt-live');
    const sub = subscribe({
      fromPosition: END,
      filter: (r) => streamNameFilter({ prefixes: [p], checkpointInterval: 1, checkpointReached: r.onCheckpoint }),
    });
    await sub.waitForCaughtUp();
    const noise = uniqueStream('ckpt-live-noise');
    for (let i = 0; i < 10; i++) await ctx.client.appendToStream(noise, testEvents(10));
    const noisePositions = (await readAllForwards(ctx.client)).filter((e) => e.event!.streamId === noise).map((e) => e.event!.position);

    // Whatever the phase of the counter, one of the last 32 of these 100 events triggered a checkpoint.
    const target = noisePositions[100 - 32];
    await waitFor(() => sub.checkpoints.some((c) => comparePositions(c.position, target) >= 0), 'a checkpoint within the last 32 events');
    expect(sub.events).toEqual([]);
    expectStrictlyIncreasing(sub.checkpoints.map((c) => c.position));
  });

  test('resuming from a checkpoint delivers exactly the matching events written after it', async () => {
    const p = uniqueStream('ckpt-resume');
    const filter = (r: AllRecorder) => streamNameFilter({ prefixes: [p], checkpointReached: r.onCheckpoint });
    await ctx.client.appendToStream(`${p}-old`, testEvents(2));
    const first = subscribe({ filter });
    await caughtUpWithHistory(first);
    const checkpoint = first.checkpoints[first.checkpoints.length - 1].position;
    await first.stop();

    await ctx.client.appendToStream(uniqueStream('ckpt-resume-noise'), testEvents(5));
    const fresh = testEvents(3);
    await ctx.client.appendToStream(`${p}-new`, fresh);

    const resumed = subscribe({ fromPosition: checkpoint, filter });
    await resumed.waitForEvents((e) => e.length >= 3, '3 events');
    await delay(150);
    expect(idsOf(resumed.events)).toEqual(fresh.map((e) => e.id));
  });
});

async function caughtUpWithHistory(sub: AllRecorder) {
  await sub.waitForCaughtUp();
  await sub.waitForEvents((e) => e.length >= 2, 'the 2 old events');
  await waitForCheckpoints(sub, 1);
}

async function waitForCheckpoints(sub: AllRecorder, n: number) {
  await waitFor(() => sub.checkpoints.length >= n, `${n} checkpoint(s)`);
}

function randomToken() {
  return `t${Math.random().toString(36).slice(2, 10)}`;
}
