import { appendEvents, createEventStoreClient, type EventStoreClient } from '@ledgerline/event-store';
import { startEventStore, type RunningEventStore } from '@ledgerline/testing';
import { eventBatches, type EventBatch } from './event-batches';
import { PROJECTED_STREAM_PREFIXES } from './projection-group';

jest.setTimeout(60_000);

describe('eventBatches', () => {
  let store: RunningEventStore;
  let client: EventStoreClient;
  const metadata = { correlationId: 'c', causationId: 'c', actor: 'test', source: 'test', schemaVersion: 1 };

  const logCalls = async (stream: string, count: number) => {
    const call = (i: number) => ({
      type: 'CallLogged',
      data: { callId: `${stream}-${i}`, direction: 'inbound', locationId: 'oslo', durationSeconds: 60, outcome: 'ok', occurredAt: '2025-03-01T10:00:00Z' },
      metadata,
    });
    await appendEvents(client, stream, Array.from({ length: count }, (_, i) => call(i)), { expectedRevision: 'any' });
  };

  beforeAll(async () => {
    store = await startEventStore();
    client = createEventStoreClient(store.url);
    // 45 events in appends of 3 and 2: they reach the reader in bursts of no particular size.
    for (let i = 0; i < 18; i++) await logCalls(`customer-b${i}`, i % 2 === 0 ? 3 : 2);
  });
  afterAll(async () => {
    await client?.dispose();
    await store?.stop();
    await store?.cleanup();
  });

  it('cuts full batches while it catches up, then the rest once caught up, and a live batch at once', async () => {
    const received: EventBatch[] = [];
    // A linger longer than the test: a batch cut before it is full was cut because the subscription caught up.
    const batches = eventBatches(client, { from: null, streamPrefixes: PROJECTED_STREAM_PREFIXES, maxBatchSize: 10, lingerMs: 120_000 });
    for await (const batch of batches) {
      received.push(batch);
      if (batch.caughtUp) break;
    }
    const sizes = received.map((batch) => batch.events.length);
    // Ten items a batch; an item is an event or a checkpoint the server sent between events.
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(45);
    expect(sizes.length).toBeLessThanOrEqual(6);
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(9);
    expect(received.at(-1)!.caughtUp).toBe(true);

    // Live: two events appended now come as they are, without waiting for eight more.
    const next = eventBatches(client, { from: received.at(-1)!.to, streamPrefixes: PROJECTED_STREAM_PREFIXES, maxBatchSize: 10, lingerMs: 120_000 });
    const first = await next.next();
    expect(first.value).toMatchObject({ events: [], caughtUp: true });
    await logCalls('customer-live', 2);
    const live: string[] = [];
    while (live.length < 2) {
      const batch = (await next.next()).value as EventBatch;
      live.push(...batch.events.map((event) => (event.data as { callId: string }).callId));
    }
    expect(live).toEqual(['customer-live-0', 'customer-live-1']);
    await next.return(undefined);
  });
});
