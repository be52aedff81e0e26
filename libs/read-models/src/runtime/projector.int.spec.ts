import { sql, type Kysely } from 'kysely';
import { appendEvents, createEventStoreClient, type EventStoreClient } from '@ledgerline/event-store';
import { createTestDatabase, startEventStore, type RunningEventStore, type TestDatabase } from '@ledgerline/testing';
import { createDatabase } from '../database';
import type { Projection } from '../projection';
import { runProjector } from './projector';
import type { RuntimeDatabase } from './runtime-schema';

jest.setTimeout(60_000);

interface CallTables {
  calls: { event_id: string; call_id: string };
}

/** A small projection whose version the tests change: calls by id, and a view over them. */
const callsProjection = (version: number): Projection<CallTables> => ({
  name: 'calls',
  version,
  migrations: [{ id: '0001', up: (db: Kysely<unknown>) => sql`CREATE TABLE calls (event_id uuid PRIMARY KEY, call_id text NOT NULL)`.execute(db).then(() => {}) }],
  views: [{ name: 'calls', select: `SELECT call_id, ${version} AS built_by FROM calls`, description: 'calls' }],
  async apply(events, db) {
    const rows = events.flatMap((event) => (event.type === 'CallLogged' ? [{ event_id: event.eventId, call_id: event.data.callId }] : []));
    if (rows.length > 0) await db.insertInto('calls').values(rows).execute();
  },
});

const metadata = { correlationId: 'c', causationId: 'c', actor: 'test', source: 'test', schemaVersion: 1 };
const logCall = (client: EventStoreClient, customerId: string, callId: string) =>
  appendEvents(
    client,
    `customer-${customerId}`,
    [{ type: 'CallLogged', data: { callId, direction: 'inbound', locationId: 'oslo', durationSeconds: 60, outcome: 'ok', occurredAt: '2025-03-01T10:00:00Z' }, metadata }],
    { expectedRevision: 'any' },
  );

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if (value !== undefined && accept(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('runProjector against the event store and PostgreSQL', () => {
  let store: RunningEventStore;
  let firstStore: RunningEventStore;
  let client: EventStoreClient;
  let database: TestDatabase;
  let db: Kysely<RuntimeDatabase>;
  const calls = () => sql<{ call_id: string; built_by: number }>`SELECT call_id, built_by FROM analytics.calls ORDER BY call_id`.execute(db).then((r) => r.rows);

  beforeEach(async () => {
    store = firstStore = await startEventStore();
    client = createEventStoreClient(store.url);
    database = await createTestDatabase('ledgerline_projector');
    db = createDatabase<RuntimeDatabase>(database.url, { maxConnections: 4 });
  });
  afterEach(async () => {
    await client.dispose();
    await store.stop();
    // A restarted server shares the first one's data folder, which the first one owns.
    await firstStore.cleanup();
    await db.destroy();
    await database.drop();
  });

  const start = (projection: Projection<CallTables>) => {
    const stop = new AbortController();
    const done = runProjector({ db, client, projections: [projection], backoffMs: 50, maxBackoffMs: 200 }, stop.signal);
    return { stop: async () => (stop.abort(), await done) };
  };

  it('projects the history, then follows new events live', async () => {
    await logCall(client, 'kari', 'c1');
    const projector = start(callsProjection(1));
    expect(await eventually(calls, (rows) => rows.length === 1)).toEqual([{ call_id: 'c1', built_by: 1 }]);
    await logCall(client, 'ola', 'c2');
    expect(await eventually(calls, (rows) => rows.length === 2)).toHaveLength(2);
    await projector.stop();
    const state = await db.selectFrom('projection_runtime.runner_state').selectAll().executeTakeFirstOrThrow();
    expect(state).toMatchObject({ projection: 'calls', state: 'stopped' });
  });

  it('resumes from its checkpoint after a restart, counting nothing twice', async () => {
    await logCall(client, 'kari', 'c1');
    let projector = start(callsProjection(1));
    await eventually(calls, (rows) => rows.length === 1);
    await projector.stop();
    await logCall(client, 'kari', 'c2');
    projector = start(callsProjection(1));
    // The table's primary key would make a second insert of c1 fail the batch: it would be parked.
    expect((await eventually(calls, (rows) => rows.length === 2)).map((row) => row.call_id)).toEqual(['c1', 'c2']);
    await projector.stop();
    expect(await db.selectFrom('projection_runtime.dead_letters').selectAll().execute()).toEqual([]);
  });

  it('builds a new version beside the live one and swaps the views once it has caught up', async () => {
    await logCall(client, 'kari', 'c1');
    let projector = start(callsProjection(1));
    await eventually(calls, (rows) => rows.length === 1);
    await projector.stop();

    projector = start(callsProjection(2));
    expect(await eventually(calls, (rows) => rows[0]?.built_by === 2)).toEqual([{ call_id: 'c1', built_by: 2 }]);
    await logCall(client, 'kari', 'c2');
    expect(await eventually(calls, (rows) => rows.length === 2)).toEqual([
      { call_id: 'c1', built_by: 2 },
      { call_id: 'c2', built_by: 2 },
    ]);
    await projector.stop();
    const builds = await db.selectFrom('projection_runtime.builds').select(['version', 'status']).orderBy('build_id').execute();
    expect(builds).toEqual([
      { version: 1, status: 'retired' },
      { version: 2, status: 'live' },
    ]);
    const schemas = await sql<{ n: string }>`SELECT count(*) AS n FROM information_schema.schemata WHERE schema_name LIKE 'rm_calls_%'`.execute(db);
    expect(schemas.rows[0].n).toBe('1');
  });

  it('binds the live build\'s views again when a deploy changes them without a new version, and only then', async () => {
    const viewId = () => sql<{ id: number }>`SELECT 'analytics.calls'::regclass::oid::int AS id`.execute(db).then((r) => r.rows[0]!.id);
    const views = () => sql<{ name: string }>`SELECT table_name AS name FROM information_schema.views WHERE table_schema = 'analytics' ORDER BY 1`.execute(db).then((r) => r.rows.map((row) => row.name));
    const amended: Projection<CallTables> = {
      ...callsProjection(1),
      views: [
        { name: 'calls', select: `SELECT call_id, 1 AS built_by, 'amended' AS note FROM calls`, description: 'calls' },
        { name: 'call_count', select: 'SELECT count(*)::int AS n FROM calls', description: 'how many calls' },
      ],
    };
    // Each restart is known to be past its start once the call logged before it is in the view.
    const restart = async (projection: Projection<CallTables>, callId: string, count: number) => {
      await logCall(client, 'kari', callId);
      const projector = start(projection);
      await eventually(calls, (rows) => rows.length === count);
      await projector.stop();
    };

    await restart(callsProjection(1), 'c1', 1);
    const bound = await viewId();
    await restart(callsProjection(1), 'c2', 2);
    expect(await viewId()).toBe(bound);

    await restart(amended, 'c3', 3);
    expect(await views()).toEqual(['call_count', 'calls']);
    expect((await sql<{ note: string }>`SELECT DISTINCT note FROM analytics.calls`.execute(db)).rows).toEqual([{ note: 'amended' }]);
    expect((await sql<{ n: number }>`SELECT n FROM analytics.call_count`.execute(db)).rows).toEqual([{ n: 3 }]);

    await restart(callsProjection(1), 'c4', 4);
    expect(await views()).toEqual(['calls']);
    // No rebuild: the one build of version 1 served throughout.
    expect(await db.selectFrom('projection_runtime.builds').select(['version', 'status']).execute()).toEqual([{ version: 1, status: 'live' }]);
  });

  it('keeps retrying while the event store is down, and catches up when it is back', async () => {
    await logCall(client, 'kari', 'c1');
    const projector = start(callsProjection(1));
    await eventually(calls, (rows) => rows.length === 1);
    const { dataDir, port } = store;
    await store.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    store = await startEventStore({ dataDir, port });
    await logCall(client, 'ola', 'c2');
    expect(await eventually(calls, (rows) => rows.length === 2, 30_000)).toHaveLength(2);
    await projector.stop();
  });
});
