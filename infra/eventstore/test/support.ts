// Shared helpers for the client-driven conformance suite of the embedded EventStoreDB-compatible server.
// Everything here goes through the public API of @eventstore/db-client: no raw gRPC, no server code.
import { randomUUID } from 'node:crypto';
import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  Position,
  ResolvedEvent,
  StreamSubscription,
  jsonEvent,
} from '@eventstore/db-client';
import { RunningEventStore, StartOptions, startEventStore } from '@ledgerline/testing';

/** Generous per-test budget: waits inside tests are bounded by `waitFor` deadlines, not by this. */
export const TEST_TIMEOUT_MS = 30_000;
/** How long we wait for something the server should do "soon" (delivery of a live event, etc.). */
export const WAIT_MS = 10_000;

export const uniqueStream = (prefix: string): string => `${prefix}-${randomUUID()}`;

export interface TestEventData {
  [key: string]: unknown;
  index: number;
  tag: string;
}

/** `count` JSON events of one type whose data carries their index (and an optional tag to tell runs apart). */
export function testEvents(count: number, options: { type?: string; tag?: string; start?: number } = {}) {
  const { type = 'TestEvent', tag = '', start = 0 } = options;
  return Array.from({ length: count }, (_, i) =>
    jsonEvent({ type, data: { index: start + i, tag } satisfies TestEventData }),
  );
}

/** Drains an async iterable (a read, or a subscription) into an array, stopping after `max` items. */
export async function collect<T>(iterable: AsyncIterable<T>, max = Number.POSITIVE_INFINITY): Promise<T[]> {
  const items: T[] = [];
  if (max <= 0) return items;
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= max) break;
  }
  const maybeSubscription = iterable as unknown as { unsubscribe?: () => Promise<void> };
  if (typeof maybeSubscription.unsubscribe === 'function') await maybeSubscription.unsubscribe().catch(() => undefined);
  return items;
}

/** Every event of a stream, forwards from the start. */
export function readWhole(client: EventStoreDBClient, streamName: string): Promise<ResolvedEvent[]> {
  return collect(client.readStream(streamName, { direction: FORWARDS }));
}

/** The whole of $all, forwards. */
export function readAllForwards(client: EventStoreDBClient): Promise<AllStreamResolvedEvent[]> {
  return collect(client.readAll({ direction: FORWARDS }));
}

/** The position of the last event in $all, or undefined if the log is empty. */
export async function lastPosition(client: EventStoreDBClient): Promise<Position | undefined> {
  const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  return last?.event?.position;
}

export const revisions = (events: ResolvedEvent[]): bigint[] => events.map((e) => e.event!.revision);
export const ids = (events: ResolvedEvent[]): string[] => events.map((e) => e.event!.id);
export const indexes = (events: ResolvedEvent[]): number[] =>
  events.map((e) => (e.event!.data as unknown as TestEventData).index);
export const range = (from: number, count: number): bigint[] =>
  Array.from({ length: count }, (_, i) => BigInt(from + i));

export const comparePositions = (a: Position, b: Position): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;

/** Asserts the positions are strictly increasing (commit and prepare each). */
export function expectStrictlyIncreasing(positions: Position[]): void {
  for (let i = 1; i < positions.length; i++) {
    const [before, after] = [positions[i - 1], positions[i]];
    if (!(after.commit > before.commit && after.prepare > before.prepare)) {
      throw new Error(
        `positions do not strictly increase at index ${i}: ` +
          `${before.commit}/${before.prepare} then ${after.commit}/${after.prepare}`,
      );
    }
  }
}

/** Polls `predicate` until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(10);
  }
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Records everything a catch-up subscription emits, in order: events, the caughtUp / fellBehind markers,
 * checkpoints (for filtered $all subscriptions) and errors.
 */
export class SubscriptionRecorder<E extends ResolvedEvent | AllStreamResolvedEvent = ResolvedEvent> {
  readonly events: E[] = [];
  readonly checkpoints: Array<{ position: Position; eventsBefore: number }> = [];
  /** Number of events received when each caughtUp arrived. */
  readonly caughtUp: number[] = [];
  readonly fellBehind: number[] = [];
  readonly errors: Error[] = [];
  confirmations = 0;
  ended = false;
  subscription?: StreamSubscription | AllStreamSubscription;

  /** Pass as `checkpointReached` of a filter. */
  readonly onCheckpoint = (_: AllStreamSubscription, position: Position): void => {
    this.checkpoints.push({ position, eventsBefore: this.events.length });
  };

  attach<S extends StreamSubscription | AllStreamSubscription>(subscription: S): S {
    this.subscription = subscription;
    (subscription as unknown as NodeJS.EventEmitter)
      .on('data', (event: E) => this.events.push(event))
      .on('confirmation', () => this.confirmations++)
      .on('caughtUp', () => this.caughtUp.push(this.events.length))
      .on('fellBehind', () => this.fellBehind.push(this.events.length))
      .on('error', (error: Error) => this.errors.push(error))
      .on('end', () => (this.ended = true));
    return subscription;
  }

  /** Events of one stream only (for $all subscriptions, which also see everything else). */
  of(streamName: string): E[] {
    return this.events.filter((e) => e.event?.streamId === streamName);
  }

  async waitForEvents(predicate: (events: E[]) => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
    await waitFor(
      () => {
        if (this.errors.length > 0) throw this.errors[0];
        return predicate(this.events);
      },
      what,
      timeoutMs,
    );
  }

  async waitForCaughtUp(timeoutMs = WAIT_MS): Promise<void> {
    await waitFor(
      () => {
        if (this.errors.length > 0) throw this.errors[0];
        return this.caughtUp.length > 0;
      },
      'caughtUp',
      timeoutMs,
    );
  }

  async waitForError(timeoutMs = WAIT_MS): Promise<Error> {
    await waitFor(() => this.errors.length > 0, 'a subscription error', timeoutMs);
    return this.errors[0];
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe().catch(() => undefined);
  }
}

export interface ServerContext {
  readonly server: RunningEventStore;
  readonly client: EventStoreDBClient;
  /** Another client with its own connection (disposed with the server). */
  newClient(): EventStoreDBClient;
}

/**
 * One server per test file: started in beforeAll, stopped (and its data removed) in afterAll.
 * Set ESDB_TEST_OUTPUT=1 to print what the server logged.
 */
export function withServer(options: StartOptions = {}): ServerContext {
  jest.setTimeout(TEST_TIMEOUT_MS);
  let server: RunningEventStore | undefined;
  let client: EventStoreDBClient | undefined;
  const clients: EventStoreDBClient[] = [];

  beforeAll(async () => {
    server = await startEventStore(options);
    client = EventStoreDBClient.connectionString(server.url) as EventStoreDBClient;
    clients.push(client);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose().catch(() => undefined)));
    if (server) {
      if (process.env.ESDB_TEST_OUTPUT) console.log(server.output());
      await server.stop();
      await server.cleanup();
    }
  }, 60_000);

  return {
    get server() {
      if (!server) throw new Error('server not started');
      return server;
    },
    get client() {
      if (!client) throw new Error('server not started');
      return client;
    },
    newClient() {
      if (!server) throw new Error('server not started');
      const extra = EventStoreDBClient.connectionString(server.url) as EventStoreDBClient;
      clients.push(extra);
      return extra;
    },
  };
}

/** Runs `fn` and returns what it threw (failing if it did not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
