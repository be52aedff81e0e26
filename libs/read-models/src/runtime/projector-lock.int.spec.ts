import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { appendEvents, createEventStoreClient, type EventStoreClient } from '@ledgerline/event-store';
import { createTestDatabase, startEventStore, type RunningEventStore, type TestDatabase } from '@ledgerline/testing';
import { createDatabase } from '../database';
import type { Projection } from '../projection';
import { runProjector } from './projector';
import { acquireLeaderLock, assertLeader, LeadershipLostError, projectorLockHolder, type LeaderLock } from './projector-lock';
import type { RuntimeDatabase } from './runtime-schema';

jest.setTimeout(60_000);

async function eventually(condition: () => boolean | Promise<boolean>, context: () => unknown = () => '', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out ${JSON.stringify(context(), null, 2)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the projector lock', () => {
  let database: TestDatabase;
  let db: Kysely<RuntimeDatabase>;
  const stop = new AbortController();
  const locks: LeaderLock[] = [];
  const acquire = async (options: { retryMs?: number; heartbeatMs?: number; onStandby?: (leader: string | null) => void; signal?: AbortSignal } = {}) => {
    const lock = await acquireLeaderLock({ databaseUrl: database.url, signal: stop.signal, ...options });
    if (lock !== undefined) locks.push(lock);
    return lock;
  };
  /** Ends a session from the server's side, as a failover or an administrator would. */
  const terminate = (pid: number) => sql`SELECT pg_terminate_backend(${pid})`.execute(db);

  beforeEach(async () => {
    database = await createTestDatabase('ledgerline_lock');
    db = createDatabase<RuntimeDatabase>(database.url, { maxConnections: 2 });
  });
  afterEach(async () => {
    for (const lock of locks.splice(0)) await lock.release();
    await db.destroy();
    await database.drop();
  });
  afterAll(() => stop.abort());

  it('is held by one session at a time; the next one takes it when the first lets go', async () => {
    const first = await acquire();
    expect(first).toBeDefined();
    expect(await projectorLockHolder(db)).toBe(`${hostname()}:${process.pid}`);

    let standby: string | null | undefined;
    const waiting = acquire({ retryMs: 50, onStandby: (leader) => (standby = leader) });
    await eventually(() => standby !== undefined);
    expect(standby).toBe(`${hostname()}:${process.pid}`);

    await first!.release();
    const second = await waiting;
    expect(second).toBeDefined();
    expect(second!.backendPid).not.toBe(first!.backendPid);
    await second!.release();
    expect(await projectorLockHolder(db)).toBeNull();
  });

  it('gives up waiting when the signal aborts', async () => {
    await acquire();
    const giveUp = new AbortController();
    const waiting = acquire({ retryMs: 50, signal: giveUp.signal });
    giveUp.abort();
    expect(await waiting).toBeUndefined();
  });

  it('is lost when its session ends, and a transaction checking it then fails', async () => {
    const lock = (await acquire({ heartbeatMs: 100 }))!;
    await db.transaction().execute((tx) => assertLeader(tx, lock));
    await terminate(lock.backendPid);
    await eventually(() => lock.lost.aborted);
    expect(lock.lost.reason).toBeInstanceOf(LeadershipLostError);
    await expect(db.transaction().execute((tx) => assertLeader(tx, lock))).rejects.toBeInstanceOf(LeadershipLostError);
  });

  it('fences a transaction on the session that holds it, not on what this process believes', async () => {
    const lock = (await acquire())!;
    const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
    const impostor: LeaderLock = { ...lock, backendPid: rows[0].pid };
    await expect(db.transaction().execute((tx) => assertLeader(tx, impostor))).rejects.toBeInstanceOf(LeadershipLostError);
  });

  describe('in runProjector', () => {
    let store: RunningEventStore;
    let client: EventStoreClient;
    const calls: Projection<{ calls: { event_id: string; call_id: string } }> = {
      name: 'calls',
      version: 1,
      migrations: [{ id: '0001', up: (db: Kysely<unknown>) => sql`CREATE TABLE calls (event_id uuid PRIMARY KEY, call_id text NOT NULL)`.execute(db).then(() => {}) }],
      views: [{ name: 'calls', select: 'SELECT call_id FROM calls', description: 'calls' }],
      async apply(events, tx) {
        const rows = events.flatMap((event) => (event.type === 'CallLogged' ? [{ event_id: event.eventId, call_id: event.data.callId }] : []));
        if (rows.length > 0) await tx.insertInto('calls').values(rows).execute();
      },
    };
    const metadata = { correlationId: 'c', causationId: 'c', actor: 'test', source: 'test', schemaVersion: 1 };
    const logCall = (callId: string) =>
      appendEvents(
        client,
        'customer-kari',
        [{ type: 'CallLogged', data: { callId, direction: 'inbound', locationId: 'oslo', durationSeconds: 60, outcome: 'ok', occurredAt: '2025-03-01T10:00:00Z' }, metadata }],
        { expectedRevision: 'any' },
      );
    const projected = () => sql<{ call_id: string }>`SELECT call_id FROM analytics.calls ORDER BY call_id`.execute(db).then((r) => r.rows.map((row) => row.call_id), () => []);

    beforeAll(async () => {
      store = await startEventStore();
      client = createEventStoreClient(store.url);
    });
    afterAll(async () => {
      await client?.dispose();
      await store?.stop();
      await store?.cleanup();
    });

    const start = (name: string, retryMs = 50) => {
      const lines: string[] = [];
      const stopping = new AbortController();
      const done = runProjector(
        { db, client, projections: [calls], backoffMs: 50, maxBackoffMs: 200, log: (line) => lines.push(line), lock: { databaseUrl: database.url, retryMs, heartbeatMs: 100 } },
        stopping.signal,
      );
      return { name, lines, stop: async () => (stopping.abort(), await done) };
    };
    const lockSession = async () => {
      const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db);
      return rows.map((row) => row.pid);
    };

    it('projects only while it holds the lock: the standby takes over when the leader loses its session', async () => {
      await logCall('c1');
      // After it loses the lock, the leader waits its retry interval before it tries again: the standby, quicker, takes over.
      const a = start('a', 1000);
      await eventually(async () => (await projected()).length === 1);
      const b = start('b');
      try {
        await eventually(() => b.lines.some((line) => line.includes('projector: standby')));
        expect(b.lines.some((line) => line.includes('leading'))).toBe(false);

        const [leaderSession] = await lockSession();
        await terminate(leaderSession);
        const logs = () => ({ a: a.lines, b: b.lines });
        await eventually(() => a.lines.some((line) => /lost the projector lock.*standing by/.test(line)), logs);
        await eventually(() => b.lines.some((line) => line.includes('projector: leading')), logs);
        await eventually(() => a.lines.some((line) => line.includes('projector: standby')), logs);

        await logCall('c2');
        await eventually(async () => (await projected()).length === 2);
        expect(await projected()).toEqual(['c1', 'c2']);
        expect([...a.lines, ...b.lines].some((line) => line.includes('moved elsewhere'))).toBe(false);
        expect(await db.selectFrom('projection_runtime.dead_letters').selectAll().execute()).toEqual([]);
      } finally {
        await b.stop();
        await a.stop();
      }
      const state = await db.selectFrom('projection_runtime.runner_state').selectAll().executeTakeFirstOrThrow();
      expect(state).toMatchObject({ state: 'stopped' });
    });
  });
});
