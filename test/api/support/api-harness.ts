import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, startEventStore, type RunningEventStore, type TestDatabase } from '@ledgerline/testing';
import { allProjections } from '@ledgerline/projections';
import { createDatabase, runProjector, type RuntimeDatabase } from '@ledgerline/read-models';
import { createEventStoreClient, readStreamEvents, type EventStoreClient, type StoredEvent } from '@ledgerline/event-store';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { loadApiConfig } from '../../../apps/api/src/config/api-config';
import { createApp } from '../../../apps/api/src/create-app';

export const WRITER_KEY = 'test-writer-key-0123456789';
export const READER_KEY = 'test-reader-key-0123456789';
export const ADMIN_KEY = 'test-admin-key-01234567890';

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly text: string;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** The API key; null sends no Authorization header. */
  readonly key?: string | null;
  readonly headers?: Record<string, string>;
}

/** The real API on a free port, against its own embedded event store and the local Redis and PostgreSQL. */
export interface ApiHarness {
  readonly url: string;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  /** The events of a stream, straight from the event store. */
  streamEvents(stream: string): Promise<StoredEvent[]>;
  /** A unique id, so tests sharing one event store never collide. */
  id(prefix: string): string;
  readonly eventStore: RunningEventStore;
  stop(): Promise<void>;
}

export interface StartApiOptions {
  /** Another API instance's event store, to run several instances on one log (not stopped with this one). */
  readonly eventStore?: RunningEventStore;
  /** Configuration overrides, e.g. a dependency's URL that leads nowhere. */
  readonly env?: Record<string, string>;
  /** Also run the projector (every projection) on a database of the API's own, as `npm start` does. */
  readonly projector?: boolean;
}

/** The projector of apps/projector, run in the test's process on its own database. */
async function startProjector(eventStoreUrl: string): Promise<{ databaseUrl: string; stop(): Promise<void> }> {
  const database: TestDatabase = await createTestDatabase('ledgerline_e2e');
  const db = createDatabase<RuntimeDatabase>(database.url, { maxConnections: 2 });
  const client = createEventStoreClient(eventStoreUrl);
  const stopping = new AbortController();
  const running = runProjector({ db, client, projections: allProjections, backoffMs: 100, maxBackoffMs: 500, lock: { databaseUrl: database.url, retryMs: 100 } }, stopping.signal);
  return {
    databaseUrl: database.url,
    async stop() {
      stopping.abort();
      await running;
      await client.dispose();
      await db.destroy();
      await database.drop();
    },
  };
}

export async function startApi({ eventStore: shared, env = {}, projector: withProjector = false }: StartApiOptions = {}): Promise<ApiHarness> {
  const eventStore: RunningEventStore = shared ?? (await startEventStore());
  const projector = withProjector ? await startProjector(eventStore.url) : undefined;
  const stopEventStore = async () => {
    await projector?.stop();
    if (shared) return;
    await eventStore.stop();
    await eventStore.cleanup();
  };
  let app: INestApplication | undefined;
  let client: EventStoreClient | undefined;
  try {
    const config = loadApiConfig({
      EVENTSTORE_URL: eventStore.url,
      DATABASE_URL: projector?.databaseUrl ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      API_KEYS: JSON.stringify({
        [WRITER_KEY]: { name: 'checkout', scopes: ['commands:write'] },
        [READER_KEY]: ['analytics:read'],
        [ADMIN_KEY]: { name: 'ops', scopes: ['commands:write', 'analytics:read', 'audit:read', 'admin'] },
      }),
      ...env,
    });
    app = await createApp(config, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    client = createEventStoreClient(eventStore.url);
    const events = client;
    const started = app;
    return {
      url,
      async request(method, path, { body, key = WRITER_KEY, headers = {} } = {}) {
        const response = await fetch(url + path, {
          method,
          headers: {
            ...(body !== undefined && { 'Content-Type': 'application/json' }),
            ...(key !== null && { Authorization: `Bearer ${key}` }),
            ...headers,
          },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        });
        const text = await response.text();
        let parsed: unknown = undefined;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        return { status: response.status, headers: response.headers, body: parsed, text };
      },
      async streamEvents(stream) {
        const all: StoredEvent[] = [];
        for await (const event of readStreamEvents(events, stream)) all.push(event);
        return all;
      },
      id: (prefix) => `${prefix}-${randomUUID()}`,
      eventStore,
      async stop() {
        await events.dispose();
        await started.close();
        await stopEventStore();
      },
    };
  } catch (error) {
    await client?.dispose();
    await app?.close();
    await stopEventStore();
    throw error;
  }
}
