import { sql, type Kysely } from 'kysely';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '@ledgerline/read-models/testing';
import { seededRandom } from '@ledgerline/testing';
import { locationPerformanceProjection } from './location-performance.projection';
import { locationPerformance, networkRanking, type Granularity } from './performance-query';
import type { LocationPerformanceViews } from './performance-tables';
import { dayBefore, nextBucket } from './periods';

const LOCATIONS = ['oslo', 'bergen', 'tromso'];

/**
 * The queries read whole months from month rows and count distinct repeat customers from links between
 * repeat days (repeat-links.ts). Here both are checked against the plain answer (sums over the day rows,
 * a DISTINCT over the purchase days) for random periods, buckets and the ranking, over purchases logged
 * out of business order in random batches; and the medians (per bucket, per period, per location of the
 * ranking) against percentile_cont.
 */
describe('figures over any period', () => {
  let bed: ProjectionTestBed;
  const views = () => bed.db as unknown as Kysely<LocationPerformanceViews>;
  const random = seededRandom(5);

  beforeAll(async () => {
    bed = await createProjectionTestBed(locationPerformanceProjection);
    const log = new EventLogFixture();
    for (const locationId of LOCATIONS) {
      log.location(locationId, { type: 'LocationRegistered', data: { locationId, name: locationId, region: 'r', currency: 'NOK', occurredAt: '2024-12-01T00:00:00.000Z' } });
    }
    for (let i = 0; i < 700; i++) {
      const occurredAt = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 130 * 86_400_000)).toISOString();
      const locationId = LOCATIONS[Math.floor(random() * LOCATIONS.length)]!;
      const customerId = `c${Math.floor(random() * 40)}`;
      const kind = random();
      if (kind < 0.7) {
        log.customer(customerId, { type: 'PurchaseRecorded', data: { purchaseId: `p${i}`, locationId, amountMinor: 100 + Math.floor(random() * 900), currency: 'NOK', occurredAt } });
      } else if (kind < 0.85) {
        // A complaint resolved within days: its resolution counts on the day it was resolved.
        const resolvedAt = new Date(Date.parse(occurredAt) + 60_000 + Math.floor(random() * 5 * 86_400_000)).toISOString();
        const data = { complaintId: `k${i}`, locationId };
        log.customer(customerId, { type: 'ComplaintOpened', data: { ...data, category: 'service', severity: 'low', channel: 'phone', occurredAt } });
        log.customer(customerId, { type: 'ComplaintResolved', data: { ...data, openedAt: occurredAt, occurredAt: resolvedAt, resolution: 'ok', resolvedOnFirstContact: false } });
      } else {
        log.customer(customerId, { type: 'CallLogged', data: { callId: `k${i}`, direction: 'inbound', locationId, durationSeconds: 60, outcome: 'ok', occurredAt } });
      }
    }
    for (let offset = 0; offset < log.events.length; ) {
      const size = 1 + Math.floor(random() * 60);
      await bed.feed(log.events.slice(offset, (offset += size)));
    }
  }, 60_000);
  afterAll(() => bed.close());

  /** What a DISTINCT over the purchase days gives, per location, for from..to. */
  async function distinctRepeatCustomers(from: string, to: string): Promise<Map<string, number>> {
    const { rows } = await sql<{ location_id: string; customers: string }>`
      SELECT location_id, count(DISTINCT customer_id) AS customers FROM analytics.location_customer_days
      WHERE is_repeat AND day BETWEEN ${from}::date AND ${to}::date GROUP BY location_id`.execute(bed.db);
    return new Map(rows.map((row) => [row.location_id, Number(row.customers)]));
  }

  /** The plain sums over the day rows, per location, for from..to. */
  async function daySums(from: string, to: string): Promise<Map<string, { purchases: number; netRevenueMinor: number; newCustomers: number; calls: number }>> {
    const { rows } = await sql<{ location_id: string; purchases: string; net: string; new_customers: string; calls: string }>`
      SELECT location_id, sum(purchases) AS purchases, sum(net_revenue_minor) AS net, sum(new_customers) AS new_customers, sum(calls) AS calls
      FROM analytics.location_days WHERE day BETWEEN ${from}::date AND ${to}::date GROUP BY location_id`.execute(bed.db);
    return new Map(rows.map((row) => [row.location_id, { purchases: Number(row.purchases), netRevenueMinor: Number(row.net), newCustomers: Number(row.new_customers), calls: Number(row.calls) }]));
  }
  /** percentile_cont(0.5) over the resolutions, per location, for from..to. */
  async function plainMedians(from: string, to: string): Promise<Map<string, number>> {
    const { rows } = await sql<{ location_id: string; median: number }>`
      SELECT location_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median FROM analytics.location_resolutions
      WHERE day BETWEEN ${from}::date AND ${to}::date GROUP BY location_id`.execute(bed.db);
    return new Map(rows.map((row) => [row.location_id, row.median]));
  }
  const plainMedian = async (locationId: string, from: string, to: string) => (await plainMedians(from, to)).get(locationId) ?? null;

  async function resolutionCounts(from: string, to: string): Promise<Map<string, number>> {
    const { rows } = await sql<{ location_id: string; n: string }>`
      SELECT location_id, count(*) AS n FROM analytics.location_resolutions WHERE day BETWEEN ${from}::date AND ${to}::date GROUP BY location_id`.execute(bed.db);
    return new Map(rows.map((row) => [row.location_id, Number(row.n)]));
  }

  const none = { purchases: 0, netRevenueMinor: 0, newCustomers: 0, calls: 0 };
  const pickSums = ({ purchases, netRevenueMinor, newCustomers, calls }: typeof none) => ({ purchases, netRevenueMinor, newCustomers, calls });

  const randomDay = () => new Date(Date.UTC(2024, 11, 20) + Math.floor(random() * 160 * 86_400_000)).toISOString().slice(0, 10);

  it('for a location, in total and per day, week and month bucket (partial edge buckets included)', async () => {
    // The period's median is read in seconds order when the period holds at least half of the
    // location's resolutions, and sorted otherwise (periodMedian): the random periods must try both.
    const medianReads = new Set<string>();
    for (let run = 0; run < 24; run++) {
      const [from, to] = [randomDay(), randomDay()].sort() as [string, string];
      const granularity = (['day', 'week', 'month'] as Granularity[])[run % 3]!;
      const locationId = LOCATIONS[run % LOCATIONS.length]!;
      const [inPeriod, inAll] = [(await resolutionCounts(from, to)).get(locationId) ?? 0, (await resolutionCounts('2000-01-01', '2100-01-01')).get(locationId) ?? 0];
      medianReads.add(2 * inPeriod >= inAll ? 'in seconds order' : 'sorted');
      const answer = await locationPerformance(views(), { locationId, from, to, granularity });
      expect({ from, to, total: answer?.totals.repeatCustomers }).toEqual({ from, to, total: (await distinctRepeatCustomers(from, to)).get(locationId) ?? 0 });
      expect({ from, to, sums: pickSums(answer!.totals) }).toEqual({ from, to, sums: (await daySums(from, to)).get(locationId) ?? none });
      expect({ from, to, median: answer!.totals.medianResolutionSeconds }).toEqual({ from, to, median: await plainMedian(locationId, from, to) });
      for (const bucket of answer?.buckets ?? []) {
        const start = bucket.start < from ? from : bucket.start;
        const end = dayBefore(nextBucket(bucket.start, granularity));
        const expected = (await distinctRepeatCustomers(start, end > to ? to : end)).get(locationId) ?? 0;
        expect({ granularity, bucket: bucket.start, repeat: bucket.repeatCustomers }).toEqual({ granularity, bucket: bucket.start, repeat: expected });
        const sums = (await daySums(start, end > to ? to : end)).get(locationId) ?? none;
        expect({ granularity, bucket: bucket.start, sums: pickSums(bucket) }).toEqual({ granularity, bucket: bucket.start, sums });
        const median = await plainMedian(locationId, start, end > to ? to : end);
        expect({ granularity, bucket: bucket.start, median: bucket.medianResolutionSeconds }).toEqual({ granularity, bucket: bucket.start, median });
      }
    }
    expect([...medianReads].sort()).toEqual(['in seconds order', 'sorted']);
  }, 60_000);

  it('for every location of the ranking', async () => {
    const parities = new Set<number>();
    for (let run = 0; run < 12; run++) {
      const [from, to] = [randomDay(), randomDay()].sort() as [string, string];
      const expected = await distinctRepeatCustomers(from, to);
      const sums = await daySums(from, to);
      const medians = await plainMedians(from, to);
      const ranking = await networkRanking(views(), { from, to, orderBy: 'repeatCustomers' });
      expect(ranking.map((row) => [row.locationId, row.totals.repeatCustomers, pickSums(row.totals), row.totals.medianResolutionSeconds])).toEqual(
        ranking.map((row) => [row.locationId, expected.get(row.locationId) ?? 0, sums.get(row.locationId) ?? none, medians.get(row.locationId) ?? null]),
      );
      for (const count of (await resolutionCounts(from, to)).values()) parities.add(count % 2);
    }
    // Medians of an odd and of an even number of resolutions were both checked.
    expect([...parities].sort()).toEqual([0, 1]);
    // The whole span in one period: whole months only, no single links read.
    const wholeMonths = await networkRanking(views(), { from: '2025-01-01', to: '2025-04-30', orderBy: 'repeatCustomers' });
    expect(wholeMonths.every((row) => row.totals.repeatCustomers > 0)).toBe(true);
  });
});
