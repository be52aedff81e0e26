import type { Kysely } from 'kysely';
import { applyBatch, createBuild, goLive } from '@ledgerline/read-models';
import { createProjectionTestBed, type ProjectionTestBed } from '@ledgerline/read-models/testing';
import { locationPerformanceProjection } from './location-performance.projection';
import type { PerformanceMetrics } from './metrics';
import { locationPerformance, networkRanking } from './performance-query';
import { networkEvents } from './performance-network.fixture';
import type { LocationPerformanceViews } from './performance-tables';

const nothing: PerformanceMetrics = {
  netRevenueMinor: 0,
  grossRevenueMinor: 0,
  refundedMinor: 0,
  purchases: 0,
  refunds: 0,
  averageTicketMinor: null,
  newCustomers: 0,
  repeatCustomers: 0,
  calls: 0,
  emails: 0,
  complaintsOpened: 0,
  complaintsResolved: 0,
  firstContactResolutionRate: null,
  medianResolutionSeconds: null,
  nps: null,
};

/** Oslo over March (see performance-network.fixture.ts): the NOK sales only; EUR 999 stays out. */
const osloMarch: PerformanceMetrics = {
  netRevenueMinor: 44_500,
  grossRevenueMinor: 46_500,
  refundedMinor: 2_000,
  purchases: 7,
  refunds: 1,
  averageTicketMinor: 6_643, // 46,500 / 7
  newCustomers: 2,
  repeatCustomers: 2,
  calls: 2,
  emails: 1,
  complaintsOpened: 3,
  complaintsResolved: 3,
  firstContactResolutionRate: 2 / 3,
  medianResolutionSeconds: 86_400, // of 7,200, 86,400 and 172,800
  nps: 25, // 2 promoters, 1 passive, 1 detractor
};

describe('location-performance queries', () => {
  let bed: ProjectionTestBed;
  const views = () => bed.db as unknown as Kysely<LocationPerformanceViews>;

  beforeAll(async () => {
    bed = await createProjectionTestBed(locationPerformanceProjection);
    await bed.feed(networkEvents());
  });
  afterAll(() => bed.close());

  it('totals a location over a month, in its currency only', async () => {
    const march = await locationPerformance(views(), { locationId: 'oslo', from: '2025-03-01', to: '2025-03-31', granularity: 'month' });
    expect(march).toMatchObject({ locationId: 'oslo', name: 'Ledgerline oslo', region: 'north', currency: 'NOK', timezone: 'Europe/Oslo', granularity: 'month' });
    expect(march?.totals).toEqual(osloMarch);
    expect(march?.buckets).toEqual([{ start: '2025-03-01', ...osloMarch }]);
    expect(march?.otherCurrencies).toEqual([{ currency: 'EUR', purchases: 1, refunds: 0, netRevenueMinor: 999 }]);
  });

  it('splits a period into ISO weeks labelled by their Monday, counting repeat customers once per week', async () => {
    const weeks = await locationPerformance(views(), { locationId: 'oslo', from: '2025-03-01', to: '2025-03-16', granularity: 'week' });
    expect(weeks?.buckets).toEqual([
      // Only Saturday 1 and Sunday 2 March of this week are in the period.
      { start: '2025-02-24', ...nothing, netRevenueMinor: 500, grossRevenueMinor: 500, purchases: 1, averageTicketMinor: 500, newCustomers: 1 },
      {
        start: '2025-03-03',
        ...nothing,
        netRevenueMinor: 33_000,
        grossRevenueMinor: 35_000,
        refundedMinor: 2_000,
        purchases: 3,
        refunds: 1,
        averageTicketMinor: 11_667,
        newCustomers: 1,
        repeatCustomers: 1,
        calls: 2,
        emails: 1,
        complaintsOpened: 2,
        complaintsResolved: 2,
        firstContactResolutionRate: 0.5,
        medianResolutionSeconds: 46_800, // mean of 7,200 and 86,400
        nps: 0,
      },
      {
        start: '2025-03-10',
        ...nothing,
        netRevenueMinor: 11_000,
        grossRevenueMinor: 11_000,
        purchases: 3,
        averageTicketMinor: 3_667,
        // Kari on the 11th and 12th, Ola on the 12th: two customers, though the days add up to three.
        repeatCustomers: 2,
        complaintsOpened: 1,
        complaintsResolved: 1,
        firstContactResolutionRate: 1,
        medianResolutionSeconds: 172_800,
        nps: 50,
      },
    ]);
    expect(weeks?.totals).toEqual(osloMarch);
  });

  it('lists every day of the period, empty ones too, and totals what the period holds', async () => {
    const days = await locationPerformance(views(), { locationId: 'oslo', from: '2025-03-03', to: '2025-03-06', granularity: 'day' });
    expect(days?.buckets.map((b) => [b.start, b.netRevenueMinor, b.purchases, b.newCustomers, b.repeatCustomers, b.medianResolutionSeconds, b.nps])).toEqual([
      ['2025-03-03', 10_000, 1, 0, 1, null, null],
      ['2025-03-04', 25_000, 2, 1, 1, 86_400, null],
      ['2025-03-05', -2_000, 0, 0, 0, 7_200, 0],
      ['2025-03-06', 0, 0, 0, 0, null, null],
    ]);
    expect(days?.buckets[2]).toMatchObject({ averageTicketMinor: null, firstContactResolutionRate: 0, refunds: 1 });
    expect(days?.totals).toMatchObject({ netRevenueMinor: 33_000, newCustomers: 1, repeatCustomers: 1, medianResolutionSeconds: 46_800, complaintsResolved: 2 });
    expect(days?.otherCurrencies).toEqual([]);
  });

  it('gives an empty bucket for a month without activity, and null for a location nobody knows', async () => {
    const months = await locationPerformance(views(), { locationId: 'oslo', from: '2025-02-15', to: '2025-03-31', granularity: 'month' });
    expect(months?.buckets).toEqual([
      { start: '2025-02-01', ...nothing },
      { start: '2025-03-01', ...osloMarch },
    ]);
    expect(await locationPerformance(views(), { locationId: 'atlantis', from: '2025-03-01', to: '2025-03-31', granularity: 'day' })).toBeNull();
    const idle = await locationPerformance(views(), { locationId: 'lillehammer', from: '2025-03-01', to: '2025-03-31', granularity: 'month' });
    expect(idle?.totals).toEqual(nothing);
  });

  it('refuses a period it cannot answer', async () => {
    await expect(locationPerformance(views(), { locationId: 'oslo', from: '2025-03-31', to: '2025-03-01', granularity: 'day' })).rejects.toThrow(RangeError);
    await expect(locationPerformance(views(), { locationId: 'oslo', from: '2025-03-01', to: '2025-03-31', granularity: 'year' as 'day' })).rejects.toThrow(RangeError);
    await expect(networkRanking(views(), { from: '2025-03-01', to: '2025-03-31', orderBy: 'name' as 'nps' })).rejects.toThrow(RangeError);
  });

  it('ranks the network by the chosen metric, best first, missing values last', async () => {
    const period = { from: '2025-03-01', to: '2025-03-31' };
    const byRevenue = await networkRanking(views(), { ...period, orderBy: 'netRevenueMinor' });
    expect(byRevenue.map((row) => [row.rank, row.locationId, row.totals.netRevenueMinor])).toEqual([
      [1, 'oslo', 44_500],
      [2, 'tromso', 12_000],
      [3, 'bergen', 4_000],
      [4, 'lillehammer', 0],
    ]);
    expect(byRevenue[0]).toMatchObject({ name: 'Ledgerline oslo', region: 'north', currency: 'NOK', totals: osloMarch });
    const byNps = await networkRanking(views(), { ...period, orderBy: 'nps' });
    expect(byNps.map((row) => [row.rank, row.locationId, row.totals.nps])).toEqual([
      [1, 'bergen', 100],
      [2, 'oslo', 25],
      [null, 'lillehammer', null],
      [null, 'tromso', null],
    ]);
    const byRefunds = await networkRanking(views(), { ...period, orderBy: 'refunds' });
    expect(byRefunds.map((row) => [row.rank, row.locationId])).toEqual([
      [1, 'oslo'],
      [2, 'bergen'],
      [2, 'lillehammer'],
      [2, 'tromso'],
    ]);
    const fastest = await networkRanking(views(), { ...period, orderBy: 'medianResolutionSeconds', direction: 'asc', region: 'west' });
    expect(fastest.map((row) => [row.rank, row.locationId, row.totals.medianResolutionSeconds])).toEqual([
      [1, 'bergen', 1_800],
      [null, 'lillehammer', null],
    ]);
    const firstContact = await networkRanking(views(), { from: '2025-03-04', to: '2025-03-05', orderBy: 'firstContactResolutionRate' });
    expect(firstContact.map((row) => [row.locationId, row.totals.firstContactResolutionRate])).toEqual([
      ['bergen', 1],
      ['oslo', 0.5],
      ['lillehammer', null],
      ['tromso', null],
    ]);
  });

  it('keeps answering through the analytics views when a rebuild goes live', async () => {
    const before = await locationPerformance(views(), { locationId: 'oslo', from: '2025-03-01', to: '2025-03-16', granularity: 'week' });
    const events = networkEvents();
    let build = await createBuild(bed.db, locationPerformanceProjection, 'building');
    build = (await bed.db.transaction().execute((tx) => applyBatch(tx, { build, projection: locationPerformanceProjection }, events, events.at(-1)!.position))).build;
    await goLive(bed.db, build, locationPerformanceProjection);
    expect(await locationPerformance(views(), { locationId: 'oslo', from: '2025-03-01', to: '2025-03-16', granularity: 'week' })).toEqual(before);
  });
});
