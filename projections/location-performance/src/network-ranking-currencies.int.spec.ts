import type { Kysely } from 'kysely';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '@ledgerline/read-models/testing';
import { locationPerformanceProjection } from './location-performance.projection';
import { locationPerformance, networkRanking } from './performance-query';
import type { LocationPerformanceViews } from './performance-tables';

describe('network ranking across currencies', () => {
  let bed: ProjectionTestBed;
  const views = () => bed.db as unknown as Kysely<LocationPerformanceViews>;

  beforeAll(async () => {
    bed = await createProjectionTestBed(locationPerformanceProjection);
    const log = new EventLogFixture();
    const locations = [
      ['oslo', 'NOK', 50_000],
      ['bergen', 'NOK', 20_000],
      ['stockholm', 'SEK', 30_000],
      ['berlin', 'EUR', 4_000],
      ['hamburg', 'EUR', 4_000],
    ] as const;
    for (const [locationId, currency, amountMinor] of locations) {
      log.location(locationId, { type: 'LocationRegistered', data: { locationId, name: locationId, region: 'r', currency, occurredAt: '2025-03-01T00:00:00.000Z' } });
      log.customer(`c-${locationId}`, { type: 'PurchaseRecorded', data: { purchaseId: `p-${locationId}`, locationId, amountMinor, currency, occurredAt: '2025-03-10T12:00:00.000Z' } });
      log.customer(`c-${locationId}`, { type: 'CallLogged', data: { callId: `k-${locationId}`, direction: 'inbound', locationId, durationSeconds: 60, outcome: 'ok', occurredAt: '2025-03-10T12:00:00.000Z' } });
    }
    // A location nobody registered: its sales have no currency to rank in.
    log.customer('c-x', { type: 'PurchaseRecorded', data: { purchaseId: 'p-x', locationId: 'popup', amountMinor: 99_000, currency: 'NOK', occurredAt: '2025-03-10T12:00:00.000Z' } });
    await bed.feed(log.events);
  });
  afterAll(() => bed.close());

  const period = { from: '2025-03-01', to: '2025-03-31' };

  it('ranks money within each currency, never minor units of one against another', async () => {
    const ranking = await networkRanking(views(), { ...period, orderBy: 'netRevenueMinor' });
    expect(ranking.map((row) => [row.currency, row.rank, row.locationId, row.totals.netRevenueMinor])).toEqual([
      ['EUR', 1, 'berlin', 4_000],
      ['EUR', 1, 'hamburg', 4_000],
      ['NOK', 1, 'oslo', 50_000],
      ['NOK', 2, 'bergen', 20_000],
      ['SEK', 1, 'stockholm', 30_000],
      [null, null, 'popup', 0],
    ]);
  });

  it('ranks counts across the whole network, and narrows to one currency on request', async () => {
    const byCalls = await networkRanking(views(), { ...period, orderBy: 'calls' });
    expect(byCalls.map((row) => [row.rank, row.locationId])).toEqual([
      [1, 'bergen'],
      [1, 'berlin'],
      [1, 'hamburg'],
      [1, 'oslo'],
      [1, 'stockholm'],
      [6, 'popup'],
    ]);
    const nok = await networkRanking(views(), { ...period, orderBy: 'averageTicketMinor', currency: 'NOK' });
    expect(nok.map((row) => [row.rank, row.locationId, row.totals.averageTicketMinor])).toEqual([
      [1, 'oslo', 50_000],
      [2, 'bergen', 20_000],
    ]);
  });

  it('lists every sale of a location nobody registered as in another currency, and none of a registered one in its own', async () => {
    const popup = await locationPerformance(views(), { ...period, locationId: 'popup', granularity: 'month' });
    expect(popup).toMatchObject({ currency: null, totals: { netRevenueMinor: 0, purchases: 0 } });
    expect(popup?.otherCurrencies).toEqual([{ currency: 'NOK', purchases: 1, refunds: 0, netRevenueMinor: 99_000 }]);
    const oslo = await locationPerformance(views(), { ...period, locationId: 'oslo', granularity: 'month' });
    expect(oslo).toMatchObject({ currency: 'NOK', totals: { netRevenueMinor: 50_000, purchases: 1 }, otherCurrencies: [] });
  });
});
