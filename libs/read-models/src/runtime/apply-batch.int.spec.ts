import { sql, type Kysely, type Transaction } from 'kysely';
import type { StoredEvent } from '@ledgerline/event-store';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '../testing';
import type { Projection } from '../projection';
import { applyBatch, ApplyFailedError, CheckpointConflictError } from './apply-batch';
import type { Build } from './builds';
import { parseEvent, type PreparedEvents } from './prepared-batches';

interface SeenTables {
  seen: { event_id: string; event_type: string };
}

/** Records each event's id; throws on a call logged with outcome "poison". */
const recorder: Projection<SeenTables> = {
  name: 'seen-events',
  version: 1,
  migrations: [{ id: '0001', up: (db: Kysely<unknown>) => sql`CREATE TABLE seen (event_id uuid PRIMARY KEY, event_type text NOT NULL)`.execute(db).then(() => {}) }],
  views: [],
  async apply(events, db: Transaction<SeenTables>) {
    for (const event of events) {
      if (event.type === 'CallLogged' && event.data.outcome === 'poison') throw new Error('cannot handle this call');
      await db.insertInto('seen').values({ event_id: event.eventId, event_type: event.type }).execute();
    }
  },
};

const call = (callId: string, outcome = 'answered') =>
  ({ type: 'CallLogged', data: { callId, direction: 'inbound', locationId: 'oslo', durationSeconds: 60, outcome, occurredAt: '2025-03-01T10:00:00Z' } }) as const;

describe('applyBatch', () => {
  let bed: ProjectionTestBed;
  let log: EventLogFixture;

  beforeEach(async () => {
    bed = await createProjectionTestBed(recorder);
    log = new EventLogFixture();
  });
  afterEach(() => bed.close());

  const deadLetters = () => bed.db.selectFrom('projection_runtime.dead_letters').select(['event_type', 'error', 'attempts', 'stream_id']).orderBy('dead_letter_id').execute();
  const stored = () => bed.db.selectFrom('projection_runtime.builds').selectAll().where('build_id', '=', bed.build().buildId).executeTakeFirstOrThrow();

  it('moves the checkpoint with the rows, and skips what it already has', async () => {
    const first = log.customer('kari', call('c1'), call('c2'));
    await bed.feed(first);
    await bed.feed([...first, ...log.customer('kari', call('c3'))]);
    expect(await bed.rows('seen')).toHaveLength(3);
    expect(await stored()).toMatchObject({ checkpoint_commit: '300', events_applied: '3' });
  });

  it('parks an event the projection throws on, applies the rest of the batch, and counts a second failure', async () => {
    const events = log.customer('kari', call('c1'), call('c2', 'poison'), call('c3'));
    await bed.feed(events);
    expect((await bed.rows('seen')).length).toBe(2);
    expect(await deadLetters()).toEqual([{ event_type: 'CallLogged', error: 'Error: cannot handle this call', attempts: 1, stream_id: 'customer-kari' }]);
    expect(await stored()).toMatchObject({ checkpoint_commit: '300', events_applied: '2' });

    // Replayed into the same build past its checkpoint (as a retry would), it fails again.
    await bed.db.transaction().execute((tx) => applyBatch(tx, { build: { ...bed.build(), checkpoint: null }, projection: recorder }, [events[1]], events[1].position).catch(() => {}));
    expect(await deadLetters()).toHaveLength(1);
  });

  it('parks a lone event the projection throws on, as a batch of one (live batches often are)', async () => {
    await bed.feed(log.customer('kari', call('c1', 'poison')));
    expect(await bed.rows('seen')).toEqual([]);
    expect(await deadLetters()).toEqual([{ event_type: 'CallLogged', error: 'Error: cannot handle this call', attempts: 1, stream_id: 'customer-kari' }]);
    expect(await stored()).toMatchObject({ checkpoint_commit: '100', events_applied: '0' });
  });

  it('parks an event that does not parse (an unknown type, or data its schema refuses)', async () => {
    log.customer('kari', call('c1'));
    log.record('customer-kari', 'TeleportLogged', { occurredAt: '2025-03-01T10:00:00Z' });
    log.record('customer-kari', 'CallLogged', { callId: 'c2', direction: 'sideways' });
    await bed.feed(log.events);
    expect((await bed.rows('seen')).length).toBe(1);
    expect((await deadLetters()).map((letter) => letter.error)).toEqual([expect.stringContaining('TeleportLogged'), expect.stringContaining('direction')]);
  });

  it('hands apply the plan made ahead when the build takes the whole batch, and plans its own part otherwise', async () => {
    const plans: unknown[] = [];
    const planner: Projection<SeenTables, string> = {
      ...recorder,
      plan: (events) => `planned here for ${events.length}`,
      async apply(events, db, planned) {
        plans.push(planned);
        await recorder.apply(events, db);
      },
    };
    const apply = (build: Build, batch: StoredEvent[], prepared?: PreparedEvents) =>
      bed.db.transaction().execute((tx) => applyBatch(tx, { build, projection: planner }, batch, batch.at(-1)!.position, prepared).then((applied) => applied.build));
    const ahead = (batch: StoredEvent[]): PreparedEvents => ({ parsed: batch.map(parseEvent), plans: new Map([[planner, 'planned ahead']]) });

    const [c1, c2, c3] = log.customer('kari', call('c1'), call('c2'), call('c3'));
    let build = await apply(bed.build(), [c1]);
    // A redelivery of c1 with the next two: the plan of all three does not fit what this build applies.
    build = await apply(build, [c1, c2, c3], ahead([c1, c2, c3]));
    const next = log.customer('ola', call('c4'), call('c5'));
    await apply(build, next, ahead(next));

    expect(plans).toEqual(['planned here for 1', 'planned here for 2', 'planned ahead']);
    expect(await bed.rows('seen')).toHaveLength(5);
  });

  it('refuses to move a checkpoint that moved elsewhere, and leaves no rows of its batch', async () => {
    await bed.feed(log.customer('kari', call('c1')));
    const stale = bed.build();
    await bed.feed(log.customer('kari', call('c2')));
    const late = log.customer('kari', call('c3'));
    await expect(bed.db.transaction().execute((tx) => applyBatch(tx, { build: stale, projection: recorder }, late, late[0].position))).rejects.toBeInstanceOf(
      CheckpointConflictError,
    );
    expect(await bed.rows('seen')).toHaveLength(2);
    expect(await stored()).toMatchObject({ checkpoint_commit: '200' });
  });

  describe('optimistic (in one go)', () => {
    const applyOptimistic = (events: StoredEvent[]) =>
      bed.db.transaction().execute(async (tx) => {
        const applied = await applyBatch(tx, { build: bed.build(), projection: recorder }, events, events.at(-1)!.position, undefined, { optimistic: true });
        // The build's schema is on the search_path for the rest of the transaction.
        const { rows } = await sql<{ path: string }>`SELECT current_setting('search_path') AS path`.execute(tx);
        return { applied, path: rows[0]!.path };
      });

    it('moves the checkpoint, enters the build schema and applies the batch', async () => {
      const events = log.customer('kari', call('c1'), call('c2'));
      const { applied, path } = await applyOptimistic(events);
      expect(applied).toMatchObject({ applied: 2, parked: 0, build: { checkpoint: events[1].position } });
      expect(path).toContain(bed.build().schema);
      expect(await bed.rows('seen')).toHaveLength(2);
      expect(await stored()).toMatchObject({ checkpoint_commit: '200', events_applied: '2' });
    });

    it('parks what does not parse, and counts only what it applied', async () => {
      log.customer('kari', call('c1'));
      log.record('customer-kari', 'TeleportLogged', { occurredAt: '2025-03-01T10:00:00Z' });
      const { applied } = await applyOptimistic(log.events);
      expect(applied).toMatchObject({ applied: 1, parked: 1 });
      expect(await stored()).toMatchObject({ checkpoint_commit: '200', events_applied: '1' });
      expect((await deadLetters()).map((letter) => letter.event_type)).toEqual(['TeleportLogged']);
    });

    it('throws ApplyFailedError when the projection throws, and leaves nothing once rolled back', async () => {
      const events = log.customer('kari', call('c1'), call('c2', 'poison'), call('c3'));
      const failed = await applyOptimistic(events).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(ApplyFailedError);
      expect((failed as Error).message).toContain('cannot handle this call');
      expect(await bed.rows('seen')).toEqual([]);
      expect(await stored()).toMatchObject({ checkpoint_commit: null, events_applied: '0' });
      expect(await deadLetters()).toEqual([]);
    });

    it('refuses to move a checkpoint that moved elsewhere', async () => {
      await bed.feed(log.customer('kari', call('c1')));
      const stale = bed.build();
      await bed.feed(log.customer('kari', call('c2')));
      const late = log.customer('kari', call('c3'));
      await expect(
        bed.db.transaction().execute((tx) => applyBatch(tx, { build: stale, projection: recorder }, late, late[0].position, undefined, { optimistic: true })),
      ).rejects.toBeInstanceOf(CheckpointConflictError);
      expect(await bed.rows('seen')).toHaveLength(2);
    });
  });
});
