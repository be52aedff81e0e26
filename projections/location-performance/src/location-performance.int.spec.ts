import { sql, type Kysely } from 'kysely';
import type { CustomerEvent } from '@ledgerline/domain';
import type { StoredEvent } from '@ledgerline/event-store';
import { applyBatch, createBuild, type Build, type RuntimeDatabase } from '@ledgerline/read-models';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '@ledgerline/read-models/testing';
import { seededRandom } from '@ledgerline/testing';
import { locationPerformanceProjection } from './location-performance.projection';
import { networkEvents } from './performance-network.fixture';

const TABLES = ['locations', 'location_days', 'location_months', 'location_day_other_sales', 'customer_locations', 'repeat_links', 'repeat_link_months', 'repeat_link_weeks', 'resolutions', 'resolution_medians'];

describe('location-performance projection', () => {
  let bed: ProjectionTestBed;
  const network = networkEvents();

  beforeAll(async () => {
    bed = await createProjectionTestBed(locationPerformanceProjection);
    await bed.feed(network);
  });
  afterAll(() => bed.close());

  /** A fresh build beside the bed's, fed in batches of the given sizes; its rows, table by table. */
  async function replay(events: readonly StoredEvent[], sizes: readonly number[]): Promise<Record<string, unknown[]>> {
    let build: Build = await createBuild(bed.db, locationPerformanceProjection, 'building');
    let offset = 0;
    for (const size of sizes) {
      const batch = events.slice(offset, (offset += size));
      build = (await bed.db.transaction().execute((tx) => applyBatch(tx, { build, projection: locationPerformanceProjection }, batch, batch.at(-1)!.position))).build;
    }
    expect(offset).toBe(events.length);
    return snapshot(bed.db, build.schema);
  }

  it('turns a small network into exact rows per location and local day', async () => {
    expect(await dayRows(bed.db)).toEqual([
      // location, day, purchases, gross, refunds, refunded, net, new, repeat, calls, emails, opened, resolved, first contact, promoters, passives, detractors
      ['bergen', '2025-03-03', 1, 4_000, 0, 0, 4_000, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['bergen', '2025-03-04', 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0],
      ['oslo', '2025-03-02', 1, 500, 0, 0, 500, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['oslo', '2025-03-03', 1, 10_000, 0, 0, 10_000, 0, 1, 2, 1, 1, 0, 0, 0, 0, 0],
      ['oslo', '2025-03-04', 2, 25_000, 0, 0, 25_000, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0],
      ['oslo', '2025-03-05', 0, 0, 1, 2_000, -2_000, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1],
      ['oslo', '2025-03-10', 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
      ['oslo', '2025-03-11', 1, 7_000, 0, 0, 7_000, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      ['oslo', '2025-03-12', 2, 4_000, 0, 0, 4_000, 0, 2, 0, 0, 0, 1, 1, 1, 1, 0],
      ['tromso', '2025-03-03', 1, 6_000, 0, 0, 6_000, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['tromso', '2025-03-05', 1, 6_000, 0, 0, 6_000, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    const { rows: foreign } = await sql`
      SELECT location_id, to_char(day, 'YYYY-MM-DD') AS day, currency, purchases, gross_minor::int AS gross FROM analytics.location_day_sales WHERE NOT is_location_currency`.execute(bed.db);
    expect(foreign).toEqual([{ location_id: 'oslo', day: '2025-03-12', currency: 'EUR', purchases: 1, gross: 999 }]);
    const { rows: resolutions } = await sql`
      SELECT location_id, to_char(day, 'YYYY-MM-DD') AS day, complaint_id, customer_id, seconds, resolved_on_first_contact AS first FROM analytics.location_resolutions ORDER BY complaint_id`.execute(bed.db);
    expect(resolutions).toEqual([
      { location_id: 'oslo', day: '2025-03-04', complaint_id: 'k1', customer_id: 'kari', seconds: 86_400, first: true },
      { location_id: 'oslo', day: '2025-03-05', complaint_id: 'k2', customer_id: 'ola', seconds: 7_200, first: false },
      { location_id: 'oslo', day: '2025-03-12', complaint_id: 'k3', customer_id: 'kari', seconds: 172_800, first: true },
      { location_id: 'bergen', day: '2025-03-04', complaint_id: 'k4', customer_id: 'per', seconds: 1_800, first: true },
    ]);
    const { rows: registry } = await sql`SELECT location_id, region, currency, timezone FROM analytics.location_registry ORDER BY location_id`.execute(bed.db);
    expect(registry).toEqual([
      { location_id: 'bergen', region: 'west', currency: 'NOK', timezone: null },
      { location_id: 'lillehammer', region: 'west', currency: 'NOK', timezone: 'Europe/Oslo' },
      { location_id: 'oslo', region: 'north', currency: 'NOK', timezone: 'Europe/Oslo' },
      { location_id: 'tromso', region: 'north', currency: 'NOK', timezone: 'Europe/Oslo' },
    ]);
    // The daily counters agree with the per-customer rows they summarise.
    const { rows: derived } = await sql<{ location_id: string; day: string; new_customers: number; repeat_customers: number }>`
      SELECT location_id, to_char(day, 'YYYY-MM-DD') AS day, count(*) FILTER (WHERE is_new)::int AS new_customers, count(*) FILTER (WHERE is_repeat)::int AS repeat_customers
      FROM analytics.location_customer_days GROUP BY location_id, day ORDER BY location_id, day`.execute(bed.db);
    const counted = (await dayRows(bed.db)).filter((row) => row[7] !== 0 || row[8] !== 0).map((row) => ({ location_id: row[0], day: row[1], new_customers: row[7], repeat_customers: row[8] }));
    expect(derived).toEqual(counted);
  });

  it('leaves every row unchanged when the same events come again', async () => {
    const before = await snapshot(bed.db, bed.build().schema);
    await bed.feed(network);
    // A crash after the commit, before the projector learnt of it: the stored checkpoint decides.
    await bed.reloadCheckpoint();
    await bed.feed(network.slice(10));
    expect(await snapshot(bed.db, bed.build().schema)).toEqual(before);
  });

  it('gives the same rows however the network is cut into batches', async () => {
    const events = network;
    const whole = await replay(events, [events.length]);
    expect(whole).toEqual(await snapshot(bed.db, bed.build().schema));
    expect(await replay(events, events.map(() => 1))).toEqual(whole);
    expect(await replay(events, randomCuts(events.length, seededRandom(1)))).toEqual(whole);
  });

  it('gives the same rows however a random log is cut, out-of-order business times included', async () => {
    const events = randomLog(seededRandom(42), 250);
    const whole = await replay(events, [events.length]);
    expect((whole.repeat_links ?? []).length).toBeGreaterThan(20);
    const random = seededRandom(2);
    for (let run = 0; run < 3; run++) expect(await replay(events, randomCuts(events.length, random))).toEqual(whole);
    expect(await replay(events, events.map(() => 1))).toEqual(whole);
  }, 30_000);

  it('keeps the UTC day of events that came before their location was registered', async () => {
    const log = new EventLogFixture();
    const early = log.customer('ola', { type: 'PurchaseRecorded', data: { purchaseId: 'p1', locationId: 'hammerfest', amountMinor: 100, currency: 'NOK', occurredAt: '2025-03-03T23:30:00.000Z' } });
    const registration = log.location('hammerfest', {
      type: 'LocationRegistered',
      data: { locationId: 'hammerfest', name: 'Hammerfest', region: 'north', currency: 'NOK', timezone: 'Europe/Oslo', occurredAt: '2025-03-04T00:00:00.000Z' },
    });
    const late = log.customer('ola', { type: 'PurchaseRecorded', data: { purchaseId: 'p2', locationId: 'hammerfest', amountMinor: 100, currency: 'NOK', occurredAt: '2025-03-03T23:30:00.000Z' } });
    const inThree = await replay([...early, ...registration, ...late], [1, 1, 1]);
    const days = (inThree.customer_locations as string[]).flatMap((row) => (JSON.parse(row) as { purchase_days: string[] }).purchase_days);
    // The same instant: 2025-03-03 in UTC before the registration, 2025-03-04 in Oslo after it.
    expect(days).toEqual([utcMidnightOfLocalDay('2025-03-03'), utcMidnightOfLocalDay('2025-03-04')]);
    expect(await replay([...early, ...registration, ...late], [3])).toEqual(inThree);
  });

  it('moves sales made before a registration onto the days when it gives the location their currency, and back aside when another replaces it', async () => {
    const log = new EventLogFixture();
    const sale = (purchaseId: string, amountMinor: number, currency: string, occurredAt: string) =>
      log.customer('ola', { type: 'PurchaseRecorded', data: { purchaseId, locationId: 'kongsberg', amountMinor, currency, occurredAt } });
    const register = (currency: string) =>
      log.location('kongsberg', { type: 'LocationRegistered', data: { locationId: 'kongsberg', name: 'Kongsberg', region: 'south', currency, occurredAt: '2025-03-05T00:00:00.000Z' } });
    const events = [
      ...sale('p1', 100, 'NOK', '2025-03-03T12:00:00.000Z'),
      ...sale('p2', 50, 'EUR', '2025-03-03T13:00:00.000Z'),
      ...register('NOK'),
      ...sale('p3', 200, 'NOK', '2025-03-06T12:00:00.000Z'),
    ];
    const registered = await replay(events, [1, 1, 1, 1]);
    expect(salesOf(registered)).toEqual({
      days: [
        ['2025-03-03', 1, 100],
        ['2025-03-06', 1, 200],
      ],
      months: [['2025-03-01', 2, 300]],
      other: [['2025-03-03', 'EUR', 1, 50]],
    });
    expect(await replay(events, [events.length])).toEqual(registered);
    expect(await replay(events, [2, 2])).toEqual(registered);

    // The command side registers a location once; a log that holds a second registration still adds up.
    const reregistered = [...events, ...register('EUR')];
    const moved = await replay(reregistered, reregistered.map(() => 1));
    expect(salesOf(moved)).toEqual({
      days: [
        ['2025-03-03', 1, 50],
        ['2025-03-06', 0, 0],
      ],
      months: [['2025-03-01', 1, 50]],
      other: [
        ['2025-03-03', 'NOK', 1, 100],
        ['2025-03-06', 'NOK', 1, 200],
      ],
    });
    expect(await replay(reregistered, [reregistered.length])).toEqual(moved);
  });
});

/** Every row of every table of a build, sorted, to compare two builds or a build with itself. */
async function snapshot(db: Kysely<RuntimeDatabase>, schema: string): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const { rows } = await sql`SELECT * FROM ${sql.table(`${schema}.${table}`)}`.execute(db);
    tables[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

/** The sales of a snapshot: [day, purchases, gross] of the day and month rows, [day, currency, purchases, gross] of the other currencies. */
function salesOf(tables: Record<string, unknown[]>) {
  type Row = { day?: string; month?: string; currency?: string; purchases: number; gross_minor: string };
  const rows = (table: string) => (tables[table] as string[]).map((row) => JSON.parse(row) as Row);
  const date = (value: string | undefined) => new Date(value!).toLocaleDateString('sv-SE');
  return {
    days: rows('location_days').map((row) => [date(row.day), row.purchases, Number(row.gross_minor)]),
    months: rows('location_months').map((row) => [date(row.month), row.purchases, Number(row.gross_minor)]),
    other: rows('location_day_other_sales').map((row) => [date(row.day), row.currency, row.purchases, Number(row.gross_minor)]),
  };
}

async function dayRows(db: Kysely<RuntimeDatabase>): Promise<unknown[][]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT location_id, to_char(day, 'YYYY-MM-DD') AS day, purchases, gross_minor::int, refunds, refunded_minor::int, net_revenue_minor::int,
      new_customers, repeat_customers, calls, emails, complaints_opened, complaints_resolved, resolved_first_contact, promoters, passives, detractors
    FROM analytics.location_days ORDER BY location_id, day`.execute(db);
  return rows.map((row) => Object.values(row));
}

/** pg reads a date column as local midnight of the test process: what a stored day comes back as. */
const utcMidnightOfLocalDay = (day: string) => new Date(`${day}T00:00:00`).toISOString();

function randomCuts(length: number, random: () => number): number[] {
  const sizes: number[] = [];
  for (let left = length; left > 0; ) {
    const size = Math.min(left, 1 + Math.floor(random() * 12));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** Random activity of 15 customers at 3 locations over two weeks, logged in random order of business time. */
function randomLog(random: () => number, count: number): StoredEvent[] {
  const log = new EventLogFixture();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const locations = ['oslo', 'bergen', 'tromso'];
  const zones: Record<string, string | undefined> = { oslo: 'Europe/Oslo', bergen: undefined, tromso: 'America/New_York' };
  const registerAt = new Map(locations.map((id) => [Math.floor(random() * count), id]));
  for (let i = 0; i < count; i++) {
    const registering = registerAt.get(i);
    if (registering !== undefined) {
      const timezone = zones[registering];
      log.location(registering, {
        type: 'LocationRegistered',
        data: { locationId: registering, name: registering, region: 'r', currency: 'NOK', ...(timezone !== undefined && { timezone }), occurredAt: '2025-03-01T00:00:00.000Z' },
      });
    }
    const locationId = pick(locations);
    // Hours 20-03 UTC straddle midnight in every zone above, so the zone decides the day.
    const occurredAt = new Date(Date.UTC(2025, 2, 3 + Math.floor(random() * 14), pick([20, 21, 22, 23, 0, 1, 2, 3, 12]), Math.floor(random() * 60))).toISOString();
    const kind = random();
    const event: CustomerEvent =
      kind < 0.55
        ? { type: 'PurchaseRecorded', data: { purchaseId: `p${i}`, locationId, amountMinor: 100 + Math.floor(random() * 10_000), currency: random() < 0.05 ? 'EUR' : 'NOK', occurredAt } }
        : kind < 0.65
          ? { type: 'RefundIssued', data: { refundId: `r${i}`, purchaseId: 'p0', locationId, amountMinor: 50, currency: 'NOK', occurredAt } }
          : kind < 0.75
            ? { type: 'CallLogged', data: { callId: `c${i}`, direction: 'inbound', locationId, durationSeconds: 30, outcome: 'ok', occurredAt } }
            : kind < 0.85
              ? { type: 'ComplaintResolved', data: { complaintId: `k${i}`, locationId, openedAt: '2025-03-01T00:00:00.000Z', occurredAt, resolution: 'ok', resolvedOnFirstContact: random() < 0.5 } }
              : { type: 'SatisfactionRecorded', data: { surveyId: `s${i}`, locationId, score: Math.floor(random() * 11), occurredAt } };
    log.customer(`c${Math.floor(random() * 15)}`, event);
  }
  return log.events;
}
