import type { CustomerEvent } from '@ledgerline/domain';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '@ledgerline/read-models/testing';
import { customerLifetimeValue, topCustomers } from './lifetime-value.queries';
import { lifetimeValueProjection } from './lifetime-value.projection';
import { refreshLifetimeValueModel } from './model/refresh-lifetime-value-model';

const registered = (customerId: string): CustomerEvent => ({
  type: 'CustomerRegistered',
  data: { customerId, name: 'Someone', homeLocationId: 'oslo', occurredAt: '2025-01-01T08:00:00Z' },
});
const purchase = (purchaseId: string, amountMinor: number, occurredAt: string, locationId = 'oslo', currency = 'NOK'): CustomerEvent => ({
  type: 'PurchaseRecorded',
  data: { purchaseId, locationId, amountMinor, currency, occurredAt },
});
const refund = (refundId: string, purchaseId: string, amountMinor: number, locationId = 'oslo', currency = 'NOK'): CustomerEvent => ({
  type: 'RefundIssued',
  data: { refundId, purchaseId, locationId, amountMinor, currency, occurredAt: '2025-03-20T10:00:00Z' },
});

describe('lifetime-value queries', () => {
  let bed: ProjectionTestBed;

  beforeAll(async () => {
    bed = await createProjectionTestBed(lifetimeValueProjection);
    const log = new EventLogFixture();
    await bed.feed([
      // Kari buys mostly in NOK (Oslo, Bergen) and once in EUR (Berlin).
      ...log.customer(
        'kari',
        registered('kari'),
        purchase('p1', 100_00, '2025-03-01T09:00:00Z'),
        purchase('p2', 50_00, '2025-03-05T09:00:00Z', 'bergen'),
        refund('r1', 'p1', 20_00),
        purchase('p3', 10_00, '2025-03-07T09:00:00Z', 'berlin', 'EUR'),
      ),
      ...log.customer('ola', registered('ola'), purchase('p1', 200_00, '2025-03-02T09:00:00Z', 'bergen')),
      ...log.customer('per', purchase('p1', 60_00, '2025-03-03T09:00:00Z')),
      ...log.customer('liv', registered('liv')),
    ]);
  });
  afterAll(() => bed.close());

  it('answers a customer\'s historical value before any model run, without scores', async () => {
    expect(await customerLifetimeValue(bed.db, 'kari')).toEqual({
      customerId: 'kari',
      values: [
        { currency: 'EUR', netRevenueMinor: 10_00, orders: 1, averageOrderValueMinor: 10_00 },
        { currency: 'NOK', netRevenueMinor: 130_00, orders: 2, averageOrderValueMinor: 65_00 },
      ],
      firstPurchaseAt: '2025-03-01T09:00:00.000Z',
      lastPurchaseAt: '2025-03-07T09:00:00.000Z',
      rfm: null,
      predicted: null,
    });
  });

  it('knows a registered customer without purchases, and not a stranger', async () => {
    expect(await customerLifetimeValue(bed.db, 'liv')).toEqual({ customerId: 'liv', values: [], firstPurchaseAt: null, lastPurchaseAt: null, rfm: null, predicted: null });
    expect(await customerLifetimeValue(bed.db, 'nobody')).toBeUndefined();
  });

  it('ranks customers by net revenue, in a currency or at a location', async () => {
    const nok = await topCustomers(bed.db, { currency: 'NOK', limit: 10 });
    expect(nok.map((c) => [c.customerId, c.netRevenueMinor])).toEqual([
      ['ola', 200_00],
      ['kari', 130_00],
      ['per', 60_00],
    ]);
    expect(nok[0]).toEqual({
      customerId: 'ola',
      currency: 'NOK',
      netRevenueMinor: 200_00,
      orders: 1,
      averageOrderValueMinor: 200_00,
      lastPurchaseAt: '2025-03-02T09:00:00.000Z',
      segment: null,
      probabilityAlive: null,
      predictedValueMinor: null,
    });
    expect((await topCustomers(bed.db, { locationId: 'oslo', limit: 10 })).map((c) => c.customerId)).toEqual(['kari', 'per']);
    expect((await topCustomers(bed.db, { locationId: 'berlin', limit: 10 })).map((c) => [c.customerId, c.currency])).toEqual([['kari', 'EUR']]);
    expect((await topCustomers(bed.db, { currency: 'NOK', limit: 2 })).map((c) => c.customerId)).toEqual(['ola', 'kari']);
    expect(await topCustomers(bed.db, { segment: 'champions', limit: 10 })).toEqual([]);
  });

  it('adds the RFM segment of the main currency once the model has run, even where nothing can be predicted', async () => {
    // Nobody has bought twice in a currency: RFM is scored, the models cannot be fitted.
    const result = await refreshLifetimeValueModel(bed.db, { asOf: '2025-03-31' });
    expect(result.fits).toEqual([
      { currency: 'EUR', customers: 1, repeatCustomers: 0, bgNbd: 'no-repeat-customers', gammaGamma: 'no-repeat-customers' },
      { currency: 'NOK', customers: 3, repeatCustomers: 1, bgNbd: expect.any(String), gammaGamma: expect.any(String) },
    ]);
    const kari = await customerLifetimeValue(bed.db, 'kari');
    // Among the three NOK customers Kari bought last and most often (two of three rank below her: 1 + ⌊5·2/3⌋ = 4)
    // and spent the middle amount (130 between 60 and 200).
    expect(kari?.rfm).toEqual({ currency: 'NOK', recency: 4, frequency: 4, monetary: 2, segment: 'loyal' });
    const hibernating = await topCustomers(bed.db, { currency: 'NOK', segment: 'hibernating', limit: 10 });
    expect(hibernating.map((c) => [c.customerId, c.segment])).toEqual([
      ['ola', 'hibernating'],
      ['per', 'hibernating'],
    ]);
  });
});
