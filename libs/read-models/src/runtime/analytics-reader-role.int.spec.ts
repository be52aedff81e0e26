import { sql, type Kysely } from 'kysely';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '../testing';
import type { Projection } from '../projection';
import { ANALYTICS_READER_ROLE, ensureAnalyticsReaderRole } from './analytics-reader-role';
import { goLive } from './builds';

const notes: Projection<{ notes: { event_id: string } }> = {
  name: 'notes',
  version: 1,
  migrations: [{ id: '0001', up: (db: Kysely<unknown>) => sql`CREATE TABLE notes (event_id uuid PRIMARY KEY)`.execute(db).then(() => {}) }],
  views: [{ name: 'reader_role_notes', select: 'SELECT event_id FROM notes', description: 'notes' }],
  async apply(events, db) {
    await db.insertInto('notes').values(events.map((event) => ({ event_id: event.eventId }))).execute();
  },
};

describe('the analytics reader role', () => {
  let bed: ProjectionTestBed;

  beforeAll(async () => {
    bed = await createProjectionTestBed(notes);
    await ensureAnalyticsReaderRole(bed.db as Kysely<unknown>);
    await bed.feed(new EventLogFixture().customer('kari', { type: 'PreferenceRecorded', data: { key: 'door', value: 'side', occurredAt: '2025-01-01T00:00:00Z' } }));
  });
  afterAll(() => bed.close());

  /** Runs `query` as the reader role, inside a transaction that is rolled back. */
  const asReader = (query: string) =>
    bed.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE ${sql.id(ANALYTICS_READER_ROLE)}`.execute(tx);
      return (await sql.raw(query).execute(tx)).rows;
    });

  it('reads the analytics views, also after a swap recreated them', async () => {
    expect(await asReader('SELECT count(*)::int AS n FROM analytics.reader_role_notes')).toEqual([{ n: 1 }]);
    await goLive(bed.db, bed.build(), notes);
    expect(await asReader('SELECT count(*)::int AS n FROM analytics.reader_role_notes')).toEqual([{ n: 1 }]);
  });

  it('cannot write, nor read the build schemas or the runtime tables directly', async () => {
    await expect(asReader(`DELETE FROM analytics.reader_role_notes`)).rejects.toThrow(/permission denied/);
    await expect(asReader(`SELECT * FROM ${bed.build().schema}.notes`)).rejects.toThrow(/permission denied/);
    await expect(asReader('SELECT * FROM projection_runtime.builds')).rejects.toThrow(/permission denied/);
  });
});
