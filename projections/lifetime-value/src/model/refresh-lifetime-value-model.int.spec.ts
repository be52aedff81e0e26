import { sql } from 'kysely';
import type { CustomerEvent } from '@ledgerline/domain';
import type { StoredEvent } from '@ledgerline/event-store';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '@ledgerline/read-models/testing';
import { customerLifetimeValue, topCustomers } from '../lifetime-value.queries';
import { lifetimeValueProjection } from '../lifetime-value.projection';
import { scoreLifetimeValues } from './lifetime-value-scores';
import { refreshLifetimeValueModel } from './refresh-lifetime-value-model';
import { historiesOf, simulatePopulation, type SimulatedPurchase } from './testing/simulated-population';

const DAY = 86_400_000;
const AS_OF = '2025-06-30';
const asOfDay = Date.parse(AS_OF) / DAY;

const purchaseOn = (purchaseId: string, day: number, amountMinor: number, hour = 10): CustomerEvent => ({
  type: 'PurchaseRecorded',
  data: { purchaseId, locationId: 'oslo', amountMinor, currency: 'NOK', occurredAt: new Date(day * DAY + hour * 3_600_000).toISOString() },
});

/** The simulated purchases as events, several a day turned into separate purchases at different hours. */
function eventsOf(log: EventLogFixture, purchases: readonly SimulatedPurchase[]): StoredEvent[] {
  const byCustomer = new Map<string, SimulatedPurchase[]>();
  for (const p of purchases) byCustomer.set(p.customerId, [...(byCustomer.get(p.customerId) ?? []), p]);
  return [...byCustomer].flatMap(([customerId, list]) => log.customer(customerId, ...list.map((p, i) => purchaseOn(`p${i}`, p.day, p.amountMinor, 8 + (i % 12)))));
}

describe('refreshLifetimeValueModel', () => {
  let bed: ProjectionTestBed;
  let log: EventLogFixture;
  const simulated = simulatePopulation({ seed: 11, customers: 250, startDay: asOfDay - 104 * 7, acquisitionWeeks: 12, endDay: asOfDay + 30 });

  beforeAll(async () => {
    bed = await createProjectionTestBed(lifetimeValueProjection);
    log = new EventLogFixture();
    const weekly = Array.from({ length: 20 }, (_, i) => purchaseOn(`w${i}`, asOfDay - 3 - 14 * (19 - i), 150_00));
    const lapsed = Array.from({ length: 10 }, (_, i) => purchaseOn(`l${i}`, asOfDay - 700 + 21 * i, 150_00));
    await bed.feed([
      ...eventsOf(log, simulated),
      ...log.customer('heavy-recent', ...weekly),
      ...log.customer('once-long-ago', purchaseOn('p1', asOfDay - 735, 150_00)),
      ...log.customer('lapsed-frequent', ...lapsed),
      // A fully refunded purchase is no transaction; a purchase after the as-of date is not seen yet.
      ...log.customer('returned-it', purchaseOn('p1', asOfDay - 20, 99_00), { type: 'RefundIssued', data: { refundId: 'r1', purchaseId: 'p1', locationId: 'oslo', amountMinor: 99_00, currency: 'NOK', occurredAt: new Date((asOfDay - 19) * DAY).toISOString() } }),
      ...log.customer('not-yet', purchaseOn('p1', asOfDay + 1, 50_00)),
    ]);
  });
  afterAll(() => bed.close());

  const scoreRows = async () =>
    (
      await sql<{ customer_id: string; as_of: string; transactions: number; expected_transactions: number; probability_alive: number; predicted_value_minor: string; rfm_segment: string }>`
        SELECT customer_id, as_of::text AS as_of, transactions, expected_transactions, probability_alive, predicted_value_minor, rfm_segment
        FROM analytics.lifetime_value_scores ORDER BY customer_id`.execute(bed.db)
    ).rows;

  it('scores every customer with a transaction by the as-of date, and records the fit', async () => {
    const result = await refreshLifetimeValueModel(bed.db, { asOf: AS_OF });
    const population = historiesOf(simulated, asOfDay);
    expect(result).toEqual({
      asOf: AS_OF,
      customers: population.length + 3,
      fits: [{ currency: 'NOK', customers: population.length + 3, repeatCustomers: expect.any(Number), bgNbd: 'fitted', gammaGamma: 'fitted' }],
    });
    const rows = await scoreRows();
    expect(rows).toHaveLength(population.length + 3);
    expect(rows.map((r) => r.customer_id)).not.toEqual(expect.arrayContaining(['returned-it']));
    expect(rows.map((r) => r.customer_id)).not.toEqual(expect.arrayContaining(['not-yet']));
    expect(new Set(rows.map((r) => r.as_of))).toEqual(new Set([AS_OF]));

    const { rows: fits } = await sql<Record<string, unknown>>`SELECT * FROM analytics.lifetime_value_fits`.execute(bed.db);
    expect(fits).toEqual([
      expect.objectContaining({ currency: 'NOK', time_unit: 'weeks', horizon_weeks: 52, customers: population.length + 3, bg_nbd_status: 'fitted', gamma_gamma_status: 'fitted', message: null }),
    ]);
    for (const parameter of ['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma']) expect(fits[0][parameter]).toBeGreaterThan(0);
  });

  it('reads the same transaction histories the purchases imply (same-day purchases merged)', async () => {
    const sameDay = simulated.filter((p, i) => simulated.findIndex((q) => q.customerId === p.customerId && q.day === p.day) !== i);
    expect(sameDay.length).toBeGreaterThan(0);
    await refreshLifetimeValueModel(bed.db, { asOf: AS_OF });
    const { rows } = await sql<{ customer_id: string; transactions: number; recency_days: number; monetary_minor: string; t_x_weeks: number; t_weeks: number; zbar_minor: number }>`
      SELECT customer_id, transactions, recency_days, monetary_minor, t_x_weeks, t_weeks, zbar_minor
      FROM analytics.lifetime_value_scores WHERE customer_id LIKE 'sim-%' ORDER BY customer_id`.execute(bed.db);
    const expected = scoreLifetimeValues(historiesOf(simulated, asOfDay), { asOfDay }).scores;
    expect(rows).toEqual(
      expected.map((s) => ({
        customer_id: s.customerId,
        transactions: s.transactions,
        recency_days: s.recencyDays,
        monetary_minor: String(s.monetaryMinor),
        t_x_weeks: s.summary.t_x,
        t_weeks: s.summary.T,
        zbar_minor: s.summary.zbar,
      })),
    );
  });

  it('expects more from a frequent recent buyer than from a one-off long ago, and thinks a lapsed regular less alive', async () => {
    await refreshLifetimeValueModel(bed.db, { asOf: AS_OF });
    const byId = new Map((await scoreRows()).map((r) => [r.customer_id, r]));
    const heavy = byId.get('heavy-recent');
    const once = byId.get('once-long-ago');
    const lapsed = byId.get('lapsed-frequent');
    expect(heavy?.expected_transactions).toBeGreaterThan(5 * (once?.expected_transactions ?? Infinity));
    expect(heavy?.probability_alive).toBeGreaterThan(0.9);
    expect(lapsed?.probability_alive).toBeLessThan(0.1);
    expect(heavy?.rfm_segment).toBe('champions');
    expect(once?.rfm_segment).toBe('hibernating');

    const value = await customerLifetimeValue(bed.db, 'heavy-recent');
    expect(value?.rfm).toEqual({ currency: 'NOK', recency: 5, frequency: 5, monetary: 5, segment: 'champions' });
    expect(value?.predicted).toEqual({
      asOf: AS_OF,
      currency: 'NOK',
      expectedTransactions52w: heavy?.expected_transactions,
      probabilityAlive: heavy?.probability_alive,
      expectedAverageValueMinor: expect.any(Number),
      predictedValueMinor: Number(heavy?.predicted_value_minor),
    });
    expect(value?.predicted?.expectedAverageValueMinor).toBeGreaterThan(100_00);
  });

  it('ranks by predicted value and filters by segment', async () => {
    await refreshLifetimeValueModel(bed.db, { asOf: AS_OF });
    const top = await topCustomers(bed.db, { currency: 'NOK', orderBy: 'predictedValue', limit: 20 });
    expect(top).toHaveLength(20);
    const predicted = top.map((c) => c.predictedValueMinor ?? -1);
    expect(predicted).toEqual([...predicted].sort((a, b) => b - a));
    const hibernating = await topCustomers(bed.db, { currency: 'NOK', segment: 'hibernating', limit: 1000 });
    expect(hibernating.length).toBeGreaterThan(0);
    expect(hibernating.every((c) => c.segment === 'hibernating')).toBe(true);
    expect(hibernating.map((c) => c.customerId)).toContain('once-long-ago');
  });

  it('replaces the scores with a later run and keeps one fit row per run', async () => {
    await refreshLifetimeValueModel(bed.db, { asOf: AS_OF });
    const later = await refreshLifetimeValueModel(bed.db, { asOf: new Date('2025-07-31T15:00:00Z') });
    expect(later.asOf).toBe('2025-07-31');
    const rows = await scoreRows();
    expect(new Set(rows.map((r) => r.as_of))).toEqual(new Set(['2025-07-31']));
    expect(rows.map((r) => r.customer_id)).toContain('not-yet');
    const { rows: fits } = await sql<{ as_of: string }>`SELECT as_of::text AS as_of FROM analytics.lifetime_value_fits ORDER BY as_of`.execute(bed.db);
    expect(fits.map((f) => f.as_of)).toEqual([AS_OF, '2025-07-31']);
  });

  it('records in the fit row when the average values fall back on the mean spend, and still predicts', async () => {
    // SEK customers who spend 100.00 on every day they buy: Gamma-Gamma finds no spread to fit.
    const sek = simulatePopulation({ seed: 12, customers: 120, startDay: asOfDay - 60 * 7, acquisitionWeeks: 12, endDay: asOfDay, idPrefix: 'sek' }).filter(
      (p, i, all) => all.findIndex((q) => q.customerId === p.customerId && q.day === p.day) === i,
    );
    await bed.feed(
      [...new Set(sek.map((p) => p.customerId))].flatMap((customerId) =>
        log.customer(
          customerId,
          ...sek
            .filter((p) => p.customerId === customerId)
            .map((p, i): CustomerEvent => ({
              type: 'PurchaseRecorded',
              data: { purchaseId: `s${i}`, locationId: 'stockholm', amountMinor: 100_00, currency: 'SEK', occurredAt: new Date(p.day * DAY + 10 * 3_600_000).toISOString() },
            })),
        ),
      ),
    );
    const result = await refreshLifetimeValueModel(bed.db, { asOf: AS_OF });
    expect(result.fits.find((f) => f.currency === 'SEK')).toMatchObject({ bgNbd: 'fitted', gammaGamma: 'not-converged' });
    const { rows: fits } = await sql<Record<string, unknown>>`
      SELECT currency, gamma_gamma_status, average_value_source, fallback_mean_minor, message FROM analytics.lifetime_value_fits WHERE as_of = ${AS_OF} ORDER BY currency`.execute(bed.db);
    expect(fits).toEqual([
      { currency: 'NOK', gamma_gamma_status: 'fitted', average_value_source: 'gamma-gamma', fallback_mean_minor: null, message: null },
      {
        currency: 'SEK',
        gamma_gamma_status: 'not-converged',
        average_value_source: 'fallback-mean',
        fallback_mean_minor: 100_00,
        message: expect.stringMatching(/^Gamma-Gamma: the optimiser did not converge.*; expected average values: the mean of \d+ repeat transactions \(fallback-mean\)$/),
      },
    ]);
    const { rows: scores } = await sql<{ expected_transactions: number; expected_average_value_minor: string; predicted_value_minor: string }>`
      SELECT expected_transactions, expected_average_value_minor, predicted_value_minor FROM analytics.lifetime_value_scores WHERE currency = 'SEK'`.execute(bed.db);
    expect(scores.length).toBeGreaterThan(0);
    for (const score of scores) {
      expect(Number(score.expected_average_value_minor)).toBe(100_00);
      expect(Number(score.predicted_value_minor)).toBe(Math.round(score.expected_transactions * 100_00));
    }
  });

  it('brings the tables of an earlier release up to date: the fallback columns, the ranking indexes', async () => {
    await sql`ALTER TABLE analytics.lifetime_value_fits DROP COLUMN average_value_source, DROP COLUMN fallback_mean_minor`.execute(bed.db);
    await sql`CREATE INDEX lifetime_value_scores_by_predicted_value ON analytics.lifetime_value_scores (currency, predicted_value_minor DESC NULLS LAST, customer_id)`.execute(bed.db);
    await sql`CREATE INDEX lifetime_value_scores_by_segment ON analytics.lifetime_value_scores (rfm_segment)`.execute(bed.db);
    await refreshLifetimeValueModel(bed.db, { asOf: AS_OF });
    const { rows: fits } = await sql<{ average_value_source: string }>`SELECT average_value_source FROM analytics.lifetime_value_fits WHERE as_of = ${AS_OF}`.execute(bed.db);
    expect(fits.map((f) => f.average_value_source).sort()).toEqual(['fallback-mean', 'gamma-gamma']);
    const { rows: indexes } = await sql<{ indexname: string }>`
      SELECT indexname FROM pg_indexes WHERE schemaname = 'analytics' AND tablename = 'lifetime_value_scores' ORDER BY indexname`.execute(bed.db);
    expect(indexes.map((i) => i.indexname)).toEqual([
      'lifetime_value_scores_currency_ranking',
      'lifetime_value_scores_currency_segment_ranking',
      'lifetime_value_scores_pkey',
      'lifetime_value_scores_ranking',
      'lifetime_value_scores_segment_ranking',
    ]);
  });
});
