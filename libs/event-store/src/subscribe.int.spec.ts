import { randomUUID } from 'node:crypto';
import { nativeClient } from './client';
import {
  AllSubscription,
  appendEvents,
  EventMetadata,
  EventStoreClient,
  Position,
  StoredEvent,
  streamName,
  subscribeToAllFrom,
} from './index';
import { startEmbeddedEventStore, type EmbeddedEventStore } from './testing/embedded-event-store';

jest.setTimeout(30_000);

const metadata: EventMetadata = { correlationId: 'c', causationId: 'c', actor: 'test', source: 'test', schemaVersion: 1 };
const WAIT_MS = 10_000;

/** Collects what a subscription yields in the background, so a test can wait for a count. */
function drain(subscription: AllSubscription) {
  const seen: StoredEvent[] = [];
  const done = (async () => {
    for await (const event of subscription) seen.push(event);
  })();
  const until = async (count: number) => {
    const deadline = Date.now() + WAIT_MS;
    while (seen.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return seen;
  };
  return { seen, done, until };
}

const before = (a: Position, b: Position) => a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);

describe('subscribeToAllFrom against the embedded server', () => {
  let client: EventStoreClient;
  let embedded: EmbeddedEventStore | undefined;
  // Categories unique to each test keep the tests of this file apart on their shared server.
  const category = () => `c${randomUUID().replace(/-/g, '')}`;
  const append = (stream: string, ...types: string[]) =>
    appendEvents(
      client,
      stream,
      types.map((type) => ({ type, data: { type }, metadata })),
      { expectedRevision: 'any' },
    );

  beforeAll(async () => {
    ({ client } = embedded = await startEmbeddedEventStore());
  });
  afterAll(() => embedded?.stop());

  it('delivers only the matching streams, says when it caught up, then delivers live events', async () => {
    const [customers, locations, others] = [category(), category(), category()];
    await append(streamName(customers, '1'), 'CustomerRegistered', 'EmailChanged');
    await append(streamName(others, '1'), 'Unrelated');
    await append(streamName(locations, '1'), 'LocationOpened');
    await nativeClient(client).tombstoneStream(streamName(customers, 'deleted')).catch(() => undefined);

    const subscription = subscribeToAllFrom(client, { fromPosition: 'start', streamPrefixes: [`${customers}-`, `${locations}-`] });
    const { seen, until, done } = drain(subscription);

    await subscription.caughtUp;
    expect(subscription.isCaughtUp).toBe(true);
    // caughtUp waits for the events stored before it to be handed to the loop.
    expect(seen.map((e) => [e.streamId, e.type])).toEqual([
      [`${customers}-1`, 'CustomerRegistered'],
      [`${customers}-1`, 'EmailChanged'],
      [`${locations}-1`, 'LocationOpened'],
    ]);

    await append(streamName(others, '2'), 'Unrelated');
    await append(streamName(customers, '2'), 'CustomerRegistered');
    await append(streamName(locations, '1'), 'LocationClosed');
    await until(5);
    expect(seen.slice(3).map((e) => [e.streamId, e.type])).toEqual([
      [`${customers}-2`, 'CustomerRegistered'],
      [`${locations}-1`, 'LocationClosed'],
    ]);
    expect(seen.every((e) => e.metadata.actor === 'test' && !e.type.startsWith('$'))).toBe(true);

    await subscription.stop();
    await done;
  });

  it('resumes after a checkpoint position, without the events up to it', async () => {
    const mine = category();
    await append(streamName(mine, '1'), 'First');
    const { position } = await append(streamName(mine, '1'), 'Second');
    await append(streamName(mine, '2'), 'Third');

    const subscription = subscribeToAllFrom(client, { fromPosition: position, streamPrefixes: [`${mine}-`] });
    const { seen, done } = drain(subscription);
    await subscription.caughtUp;
    expect(seen.map((e) => e.type)).toEqual(['Third']);
    await subscription.stop();
    await done;
  });

  it('filters on event type prefixes, and on both kinds of prefix at once', async () => {
    const mine = category();
    await append(streamName(mine, '1'), `${mine}Registered`, `${mine}Renamed`, 'Other');
    await append(streamName(category(), '1'), `${mine}Registered`);

    const byType = subscribeToAllFrom(client, { fromPosition: 'start', eventTypePrefixes: [`${mine}Reg`] });
    const typed = drain(byType);
    await byType.caughtUp;
    expect(typed.seen.map((e) => e.type)).toEqual([`${mine}Registered`, `${mine}Registered`]);
    await byType.stop();
    await typed.done;

    const both = subscribeToAllFrom(client, { fromPosition: 'start', streamPrefixes: [`${mine}-`], eventTypePrefixes: [`${mine}`] });
    const narrowed = drain(both);
    await both.caughtUp;
    expect(narrowed.seen.map((e) => e.type)).toEqual([`${mine}Registered`, `${mine}Renamed`]);
    await both.stop();
    await narrowed.done;
  });

  it('reports checkpoints only once the events before them have been handled', async () => {
    const mine = category();
    const noise = category();
    // Enough unselected events between the selected ones for the server to send checkpoints.
    for (let round = 0; round < 4; round++) {
      await append(streamName(mine, String(round)), 'Selected');
      await append(streamName(noise, String(round)), ...Array.from({ length: 100 }, () => 'Noise'));
    }

    const handled: StoredEvent[] = [];
    const checkpoints: { position: Position; handledSoFar: number }[] = [];
    const subscription = subscribeToAllFrom(client, {
      fromPosition: 'start',
      streamPrefixes: [`${mine}-`],
      onCheckpoint: (position) => void checkpoints.push({ position, handledSoFar: handled.length }),
    });
    const done = (async () => {
      for await (const event of subscription) {
        // A slow handler: the client has long buffered the checkpoints that follow this event.
        await new Promise((resolve) => setTimeout(resolve, 50));
        handled.push(event);
      }
    })();
    await subscription.caughtUp;
    await subscription.stop();
    await done;

    expect(handled).toHaveLength(4);
    expect(checkpoints.length).toBeGreaterThan(0);
    for (const { position, handledSoFar } of checkpoints) {
      // Every event before the checkpoint was handled when it was reported; none after it was.
      const beforeIt = handled.filter((event) => before(event.position, position)).length;
      expect(handledSoFar).toBe(beforeIt);
    }
  });

  it('without prefixes, delivers every event but the system ones', async () => {
    const mine = category();
    await append(streamName(mine, 'kept'), 'Kept');
    await append(streamName(mine, 'gone'), 'Gone');
    await nativeClient(client).setStreamMetadata(streamName(mine, 'kept'), { maxCount: 10 });
    await nativeClient(client).tombstoneStream(streamName(mine, 'gone'));

    const subscription = subscribeToAllFrom(client, { fromPosition: 'start' });
    const { seen, done } = drain(subscription);
    await subscription.caughtUp;
    await subscription.stop();
    await done;

    expect(seen.filter((e) => e.streamId.startsWith(`${mine}-`)).map((e) => e.type)).toEqual(['Kept', 'Gone']);
    expect(seen.filter((e) => e.type.startsWith('$') || e.streamId.startsWith('$'))).toEqual([]);
  });

  it('rejects caughtUp and ends the loop when stopped before catching up', async () => {
    const subscription = subscribeToAllFrom(client, { fromPosition: 'start', streamPrefixes: [`${category()}-`] });
    await subscription.stop();
    await expect(subscription.caughtUp).rejects.toThrow('the subscription stopped before it caught up');
    expect(subscription.isCaughtUp).toBe(false);
    const seen: StoredEvent[] = [];
    for await (const event of subscription) seen.push(event);
    expect(seen).toEqual([]);
  });
});
