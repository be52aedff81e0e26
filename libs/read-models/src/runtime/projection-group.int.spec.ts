import { sql, type Kysely } from 'kysely';
import { appendEvents, createEventStoreClient, type EventStoreClient, type Position } from '@ledgerline/event-store';
import { createTestDatabase, startEventStore, type RunningEventStore, type TestDatabase } from '@ledgerline/testing';
import { createDatabase } from '../database';
import type { Projection } from '../projection';
import type { BuildTarget } from './apply-batch';
import { createBuild, findBuild } from './builds';
import { comparePositions } from './checkpoint';
import { runProjectionGroup } from './projection-group';
import { ensureRuntimeSchema, type RuntimeDatabase } from './runtime-schema';

jest.setTimeout(60_000);

type CallRow = { event_id: string; call_id: string };

/** Calls by id, with the rows planned from the events alone (Projection.plan); it notes when it plans and applies. */
function callsProjection(journal: string[]): Projection<{ calls: CallRow }, CallRow[]> {
  const plan = (events: Parameters<NonNullable<Projection['plan']>>[0]) =>
    events.flatMap((event) => (event.type === 'CallLogged' ? [{ event_id: event.eventId, call_id: event.data.callId }] : []));
  return {
    name: 'calls',
    version: 1,
    migrations: [{ id: '0001', up: (db: Kysely<unknown>) => sql`CREATE TABLE calls (event_id uuid PRIMARY KEY, call_id text NOT NULL)`.execute(db).then(() => {}) }],
    views: [],
    plan(events) {
      journal.push(`plan ${events.map((event) => (event.type === 'CallLogged' ? event.data.callId : '?')).join(',')}`);
      return plan(events);
    },
    async apply(events, tx, planned) {
      const rows = planned ?? plan(events);
      journal.push(`apply ${rows.map((row) => row.call_id).join(',')}${planned === undefined ? ' (unplanned)' : ''}`);
      // Long enough in PostgreSQL for the next batch to be read, parsed and planned meanwhile.
      await sql`SELECT pg_sleep(0.05)`.execute(tx);
      journal.push(`applied ${rows.map((row) => row.call_id).join(',')}`);
      await tx.insertInto('calls').values(rows).execute();
    },
  };
}

describe('runProjectionGroup', () => {
  let store: RunningEventStore;
  let client: EventStoreClient;
  let database: TestDatabase;
  let db: Kysely<RuntimeDatabase>;
  const metadata = { correlationId: 'c', causationId: 'c', actor: 'test', source: 'test', schemaVersion: 1 };
  const positions: Position[] = [];

  beforeAll(async () => {
    store = await startEventStore();
    client = createEventStoreClient(store.url);
    // Eight calls, each its own append: with batches of two, four batches.
    for (let i = 1; i <= 8; i++) {
      const { position } = await appendEvents(
        client,
        `customer-k${i}`,
        [{ type: 'CallLogged', data: { callId: `c${i}`, direction: 'inbound', locationId: 'oslo', durationSeconds: 60, outcome: 'ok', occurredAt: '2025-03-01T10:00:00Z' }, metadata }],
        { expectedRevision: 'any' },
      );
      positions.push(position);
    }
  });
  afterAll(async () => {
    await client?.dispose();
    await store?.stop();
    await store?.cleanup();
  });
  beforeEach(async () => {
    database = await createTestDatabase('ledgerline_group');
    db = createDatabase<RuntimeDatabase>(database.url, { maxConnections: 2 });
    await ensureRuntimeSchema(db as Kysely<unknown>);
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  const callIds = async (target: BuildTarget) => (await sql<CallRow>`SELECT call_id FROM ${sql.table(`${target.build.schema}.calls`)} ORDER BY call_id`.execute(db)).rows.map((row) => row.call_id);

  it('reads and plans the next batch while one is applied, at most one ahead, and commits them in order', async () => {
    const journal: string[] = [];
    const projection = callsProjection(journal);
    const target: BuildTarget = { build: await createBuild(db, projection, 'live'), projection };
    const [done] = await runProjectionGroup([target], {
      db,
      client,
      maxBatchSize: 2,
      untilCaughtUp: true,
      onBatch: (batch) => void (batch.events.length > 0 && journal.push(`committed ${batch.events.map((event) => (event.data as { callId: string }).callId).join(',')}`)),
    });

    expect(await callIds(target)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    expect((await findBuild(db, target.build.buildId))?.checkpoint).toEqual(done.build.checkpoint);
    const batches = journal.filter((line) => line.startsWith('committed ')).map((line) => line.slice('committed '.length));
    expect(batches.join(',')).toBe('c1,c2,c3,c4,c5,c6,c7,c8');
    expect(batches.length).toBeGreaterThan(2);
    const at = (line: string) => {
      expect(journal).toContain(line);
      return journal.indexOf(line);
    };
    batches.forEach((batch, k) => {
      // Applied with the plan made ahead of its transaction, and committed before the next is applied.
      expect(at(`plan ${batch}`)).toBeLessThan(at(`apply ${batch}`));
      if (k + 1 < batches.length) {
        expect(at(`committed ${batch}`)).toBeLessThan(at(`apply ${batches[k + 1]}`));
        // The next batch was planned while this one was in PostgreSQL...
        expect(at(`plan ${batches[k + 1]}`)).toBeLessThan(at(`applied ${batch}`));
      }
      // ...but not the one after it.
      if (k + 2 < batches.length) expect(at(`plan ${batches[k + 2]}`)).toBeGreaterThan(at(`committed ${batch}`));
    });
  });

  it('stops at the first batch that fails: the batches before it stay committed, none after it is', async () => {
    const journal: string[] = [];
    const projection = callsProjection(journal);
    const target: BuildTarget = { build: await createBuild(db, projection, 'live'), projection };
    let transactions = 0;
    const committed: string[] = [];
    const failing = runProjectionGroup([target], {
      db,
      client,
      maxBatchSize: 2,
      untilCaughtUp: true,
      guard: async () => {
        if (++transactions === 3) throw new Error('the third batch fails');
      },
      onBatch: (batch) => void committed.push(...batch.events.map((event) => (event.data as { callId: string }).callId)),
    });
    await expect(failing).rejects.toThrow('the third batch fails');

    // What the two first batches held is in, with its checkpoint; nothing read ahead of the failure is.
    expect(await callIds(target)).toEqual(committed);
    expect(committed.length).toBeGreaterThanOrEqual(2);
    expect(committed.length).toBeLessThan(8);
    const stored = await findBuild(db, target.build.buildId);
    // (A checkpoint the server vouched for may take it past the last event, never up to the next.)
    expect(comparePositions(stored!.checkpoint, positions[committed.length - 1])).toBeGreaterThanOrEqual(0);
    expect(comparePositions(stored!.checkpoint, positions[committed.length])).toBeLessThan(0);

    // Started again from its checkpoint, the group applies the rest once.
    await runProjectionGroup([{ ...target, build: stored! }], { db, client, maxBatchSize: 2, untilCaughtUp: true });
    expect(await callIds(target)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
  });

  it('with buildsApart, applies each build in its own transaction, at the same time; a failure stops the group once all have ended', async () => {
    const journal: string[] = [];
    const projection = callsProjection(journal);
    const first: BuildTarget = { build: await createBuild(db, projection, 'building'), projection };
    const second: BuildTarget = { build: await createBuild(db, projection, 'building'), projection };
    let transactions = 0;
    const failing = runProjectionGroup([first, second], {
      db,
      client,
      maxBatchSize: 2,
      untilCaughtUp: true,
      buildsApart: true,
      guard: async () => {
        if (++transactions === 3) throw new Error('one build fails its second batch');
      },
    });
    await expect(failing).rejects.toThrow('one build fails its second batch');
    // Both builds were in PostgreSQL with the first batch at once.
    const batch = journal[0].slice('plan '.length);
    expect(journal.lastIndexOf(`apply ${batch}`)).toBeLessThan(journal.indexOf(`applied ${batch}`));
    // One build is a batch ahead of the other; each has exactly what its checkpoint says.
    const [one, two] = await Promise.all([first, second].map((target) => findBuild(db, target.build.buildId)));
    expect(comparePositions(one!.checkpoint, two!.checkpoint)).not.toBe(0);

    await runProjectionGroup([{ ...first, build: one! }, { ...second, build: two! }], { db, client, maxBatchSize: 2, untilCaughtUp: true, buildsApart: true });
    for (const target of [first, second]) expect(await callIds(target)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    const applied = await db.selectFrom('projection_runtime.builds').select('events_applied').where('build_id', 'in', [first.build.buildId, second.build.buildId]).execute();
    expect(applied.map((row) => row.events_applied)).toEqual(['8', '8']);
  });

  it.each([
    [false, 'on'],
    [true, 'off'],
  ])('with buildsApart %s, commits each batch with synchronous_commit %s', async (buildsApart, expected) => {
    const calls = callsProjection([]);
    const seen: string[] = [];
    const watching: Projection<{ calls: CallRow }, CallRow[]> = {
      ...calls,
      async apply(events, tx, planned) {
        seen.push((await sql<{ setting: string }>`SELECT current_setting('synchronous_commit') AS setting`.execute(tx)).rows[0]!.setting);
        await calls.apply(events, tx, planned);
      },
    };
    const target: BuildTarget = { build: await createBuild(db, watching, 'building'), projection: watching };
    await runProjectionGroup([target], { db, client, maxBatchSize: 4, untilCaughtUp: true, buildsApart });
    expect(seen).toEqual([expected, expected]);
    expect(await callIds(target)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    // The setting was the transaction's own: the pool's connections are as they were.
    const after = await sql<{ setting: string }>`SELECT current_setting('synchronous_commit') AS setting`.execute(db);
    expect(after.rows[0]!.setting).toBe('on');
  });

  it.each([false, true])('parks an event a projection throws on and applies the rest of its batch (buildsApart: %s)', async (buildsApart) => {
    const calls = callsProjection([]);
    const picky: Projection<{ calls: CallRow }, CallRow[]> = {
      ...calls,
      async apply(events, tx, planned) {
        if (events.some((event) => event.type === 'CallLogged' && event.data.callId === 'c3')) throw new Error('c3 is not welcome');
        await calls.apply(events, tx, planned);
      },
    };
    const targets: BuildTarget[] = [
      { build: await createBuild(db, picky, 'building'), projection: picky },
      { build: await createBuild(db, calls, 'building'), projection: calls },
    ];
    await runProjectionGroup(targets, { db, client, maxBatchSize: 2, untilCaughtUp: true, buildsApart });

    expect(await callIds(targets[0]!)).toEqual(['c1', 'c2', 'c4', 'c5', 'c6', 'c7', 'c8']);
    expect(await callIds(targets[1]!)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    const letters = await db.selectFrom('projection_runtime.dead_letters').select(['build_id', 'error']).execute();
    expect(letters).toEqual([{ build_id: targets[0]!.build.buildId, error: 'Error: c3 is not welcome' }]);
    const applied = await db.selectFrom('projection_runtime.builds').select(['build_id', 'events_applied']).orderBy('build_id').execute();
    expect(applied.map((row) => row.events_applied)).toEqual(['7', '8']);
  });
});
