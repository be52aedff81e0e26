import { randomUUID } from 'node:crypto';
import { jsonEvent } from '@eventstore/db-client';
import type { RunningEventStore } from '@ledgerline/testing';
import { nativeClient } from './client';
import {
  appendEvents,
  ConcurrencyConflictError,
  createEventStoreClient,
  customerStream,
  deterministicEventId,
  EventMetadata,
  EventStoreClient,
  MalformedEventError,
  NewEvent,
  readStreamEvents,
  StoredEvent,
  StreamDeletedError,
  withConcurrencyRetry,
} from './index';
import { startEmbeddedEventStore, type EmbeddedEventStore } from './testing/embedded-event-store';

jest.setTimeout(30_000);

const metadata: EventMetadata = {
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  actor: 'user:7',
  source: 'api',
  schemaVersion: 2,
  idempotencyKey: 'idem-1',
};
const event = (type: string, data: object, id?: string): NewEvent => ({ id, type, data, metadata });

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

describe('appendEvents and readStreamEvents against the embedded server', () => {
  let server: RunningEventStore;
  let client: EventStoreClient;
  let embedded: EmbeddedEventStore | undefined;

  beforeAll(async () => {
    ({ server, client } = embedded = await startEmbeddedEventStore());
  });
  afterAll(() => embedded?.stop());

  it('reads back what it appended: ids, types, data, metadata, revisions and positions', async () => {
    const stream = customerStream(randomUUID());
    const id = randomUUID();
    const first = await appendEvents(client, stream, [event('CustomerRegistered', { name: 'Ada', tags: ['vip'] }, id)], {
      expectedRevision: 'no_stream',
    });
    expect(first.nextExpectedRevision).toBe(0n);

    const second = await appendEvents(client, stream, [event('EmailChanged', { email: 'a@example.com' }), event('PhoneChanged', { phone: null })], {
      expectedRevision: first.nextExpectedRevision,
    });
    expect(second.nextExpectedRevision).toBe(2n);
    expect(second.position.commit).toBeGreaterThan(first.position.commit);

    const events = await collect(readStreamEvents(client, stream));
    expect(events.map((e) => [e.revision, e.type, e.data])).toEqual([
      [0n, 'CustomerRegistered', { name: 'Ada', tags: ['vip'] }],
      [1n, 'EmailChanged', { email: 'a@example.com' }],
      [2n, 'PhoneChanged', { phone: null }],
    ]);
    expect(events[0]).toMatchObject({ streamId: stream, id, metadata, position: first.position });
    for (const e of events) {
      expect(e.metadata).toEqual(metadata);
      expect(e.created).toBeInstanceOf(Date);
      expect(Math.abs(e.created.getTime() - Date.now())).toBeLessThan(60_000);
    }
  });

  it('reads backwards from the end, and a bounded number from a revision', async () => {
    const stream = customerStream(randomUUID());
    await appendEvents(client, stream, [0, 1, 2, 3].map((n) => event('Counted', { n })), { expectedRevision: 'no_stream' });

    const backwards = await collect(readStreamEvents(client, stream, { direction: 'backwards', maxCount: 2 }));
    expect(backwards.map((e) => e.revision)).toEqual([3n, 2n]);
    const slice = await collect(readStreamEvents(client, stream, { fromRevision: 1n, maxCount: 2 }));
    expect(slice.map((e) => e.revision)).toEqual([1n, 2n]);
  });

  it('maps a wrong expected revision to ConcurrencyConflictError carrying the actual revision', async () => {
    const stream = customerStream(randomUUID());
    await appendEvents(client, stream, [event('A', {}), event('B', {})], { expectedRevision: 'no_stream' });

    const stale = appendEvents(client, stream, [event('C', {})], { expectedRevision: 0n });
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyConflictError);
    await expect(stale).rejects.toMatchObject({ stream, expected: 0n, actual: 1n });

    await expect(appendEvents(client, stream, [event('C', {})], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
      stream,
      actual: 1n,
    });
    await expect(
      appendEvents(client, customerStream(randomUUID()), [event('C', {})], { expectedRevision: 5n }),
    ).rejects.toMatchObject({ expected: 5n, actual: 'no_stream' });
  });

  it('yields nothing for a stream that does not exist', async () => {
    expect(await collect(readStreamEvents(client, customerStream(randomUUID())))).toEqual([]);
    expect(await collect(readStreamEvents(client, customerStream(randomUUID()), { direction: 'backwards' }))).toEqual([]);
  });

  it('writes once when the same deterministic ids are appended twice with the same expected revision', async () => {
    const stream = customerStream(randomUUID());
    const key = randomUUID();
    const command = () => [
      event('CustomerRegistered', { name: 'Ada' }, deterministicEventId('RegisterCustomer', key, 0)),
      event('WelcomeOffered', { offer: 'tea' }, deterministicEventId('RegisterCustomer', key, 1)),
    ];

    const first = await appendEvents(client, stream, command(), { expectedRevision: 'no_stream' });
    const retried = await appendEvents(client, stream, command(), { expectedRevision: 'no_stream' });

    expect(retried.nextExpectedRevision).toBe(first.nextExpectedRevision);
    const events = await collect(readStreamEvents(client, stream));
    expect(events.map((e) => e.id)).toEqual([deterministicEventId('RegisterCustomer', key, 0), deterministicEventId('RegisterCustomer', key, 1)]);
  });

  it('retries a conflicting decision from fresh state until it goes through', async () => {
    const stream = customerStream(randomUUID());
    await appendEvents(client, stream, [event('Counted', { n: 0 })], { expectedRevision: 'no_stream' });

    // Ten writers each read the stream, then append the next count at the revision they read.
    const increment = () =>
      withConcurrencyRetry(
        async () => {
          const events = await collect(readStreamEvents(client, stream));
          const last = events[events.length - 1] as StoredEvent & { data: { n: number } };
          return appendEvents(client, stream, [event('Counted', { n: last.data.n + 1 })], { expectedRevision: last.revision });
        },
        { attempts: 20 },
      );
    await Promise.all(Array.from({ length: 10 }, increment));

    const counts = (await collect(readStreamEvents(client, stream))).map((e) => (e.data as { n: number }).n);
    expect(counts).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('maps a hard-deleted stream to StreamDeletedError, on append and on read', async () => {
    const stream = customerStream(randomUUID());
    await appendEvents(client, stream, [event('A', {})], { expectedRevision: 'no_stream' });
    await nativeClient(client).tombstoneStream(stream);

    await expect(appendEvents(client, stream, [event('B', {})], { expectedRevision: 'any' })).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(collect(readStreamEvents(client, stream))).rejects.toMatchObject({ name: 'StreamDeletedError', stream });
  });

  it('lets the client close after a read that was left early', async () => {
    const stream = customerStream(randomUUID());
    // More events than the client buffers, so the read is still open on the server when the loop leaves it.
    const events = Array.from({ length: 100 }, (_, n) => event('Counted', { n }));
    await appendEvents(client, stream, events, { expectedRevision: 'no_stream' });
    const own = createEventStoreClient(server.url);
    for await (const first of readStreamEvents(own, stream)) {
      expect(first.revision).toBe(0n);
      // Long enough for the server to have sent the rest and ended the read.
      await new Promise((resolve) => setTimeout(resolve, 200));
      break;
    }
    let timer: NodeJS.Timeout | undefined;
    const stillOpen = new Promise((resolve) => (timer = setTimeout(resolve, 5_000, 'still open')));
    expect(await Promise.race([own.dispose().then(() => 'closed'), stillOpen])).toBe('closed');
    clearTimeout(timer);
  });

  it('refuses to read an event whose metadata is not ours, saying which one', async () => {
    const stream = customerStream(randomUUID());
    await nativeClient(client).appendToStream(stream, jsonEvent({ type: 'Foreign', data: {}, metadata: { who: 'someone else' } }));
    const reading = collect(readStreamEvents(client, stream));
    await expect(reading).rejects.toBeInstanceOf(MalformedEventError);
    await expect(reading).rejects.toThrow(`Event 0 of ${stream} is malformed: invalid event metadata: correlationId must be a non-empty string`);
  });

  it('refuses an append that would break the rules before it reaches the server', async () => {
    const stream = customerStream(randomUUID());
    await expect(appendEvents(client, stream, [], { expectedRevision: 'no_stream' })).rejects.toThrow('no events to append');
    await expect(appendEvents(client, stream, [event('A', {}, 'idem-1')], { expectedRevision: 'no_stream' })).rejects.toThrow('not a UUID');
    const noActor = { ...metadata, actor: '' };
    await expect(appendEvents(client, stream, [{ type: 'A', data: {}, metadata: noActor }], { expectedRevision: 'no_stream' })).rejects.toThrow(
      'actor must be a non-empty string',
    );
    expect(await collect(readStreamEvents(client, stream))).toEqual([]);
  });
});
