import { sql } from 'kysely';
import type { CustomerEvent } from '@ledgerline/domain';
import type { StoredEvent } from '@ledgerline/event-store';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '@ledgerline/read-models/testing';
import { lifetimeValueProjection } from './lifetime-value.projection';

const registered = (customerId: string, homeLocationId = 'oslo'): CustomerEvent => ({
  type: 'CustomerRegistered',
  data: { customerId, name: 'Someone', homeLocationId, occurredAt: '2025-01-01T08:00:00Z' },
});
const purchase = (purchaseId: string, amountMinor: number, occurredAt: string, locationId = 'oslo', currency = 'NOK'): CustomerEvent => ({
  type: 'PurchaseRecorded',
  data: { purchaseId, locationId, amountMinor, currency, occurredAt },
});
const refund = (refundId: string, purchaseId: string, amountMinor: number, locationId = 'oslo', currency = 'NOK'): CustomerEvent => ({
  type: 'RefundIssued',
  data: { refundId, purchaseId, locationId, amountMinor, currency, occurredAt: '2025-03-20T10:00:00Z' },
});
const call: CustomerEvent = {
  type: 'CallLogged',
  data: { callId: 'c1', direction: 'inbound', locationId: 'oslo', durationSeconds: 60, outcome: 'ok', occurredAt: '2025-03-02T08:00:00Z' },
};

/** Kari: two purchases on one day (one partly refunded), one at another location, a late-recorded earlier one. Ola: one EUR purchase, fully refunded. Some times have milliseconds, which the rows keep. */
function history(log: EventLogFixture): StoredEvent[] {
  return [
    ...log.customer('kari', registered('kari'), purchase('p1', 100_00, '2025-03-01T09:00:00Z'), call, purchase('p2', 50_00, '2025-03-01T18:30:00Z')),
    ...log.customer('ola', registered('ola', 'berlin'), purchase('p1', 25_00, '2025-03-03T12:00:00.025Z', 'berlin', 'EUR')),
    ...log.customer('kari', purchase('p3', 30_00, '2025-03-08T10:00:00.750Z', 'bergen'), refund('r1', 'p1', 40_00)),
    ...log.customer('ola', refund('r1', 'p1', 25_00, 'berlin', 'EUR')),
    ...log.customer('kari', purchase('p4', 20_00, '2025-02-27T23:30:00Z'), refund('r2', 'p3', 5_00, 'bergen')),
  ];
}

const TABLES = ['customers', 'customer_values', 'customer_locations', 'purchases'] as const;

describe('lifetime-value projection', () => {
  let bed: ProjectionTestBed;
  let log: EventLogFixture;

  beforeEach(async () => {
    bed = await createProjectionTestBed(lifetimeValueProjection);
    log = new EventLogFixture();
  });
  afterEach(() => bed.close());

  const allRows = async (target: ProjectionTestBed) => Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await target.rows(table)])));

  it('keeps net revenue, orders and purchase times per customer and currency', async () => {
    await bed.feed(history(log));
    expect(await bed.rows('customer_values')).toEqual([
      {
        customer_id: 'kari',
        currency: 'NOK',
        orders: 4,
        gross_minor: '20000',
        refunded_minor: '4500',
        net_revenue_minor: '15500',
        first_purchase_at: new Date('2025-02-27T23:30:00Z'),
        last_purchase_at: new Date('2025-03-08T10:00:00.750Z'),
      },
      {
        customer_id: 'ola',
        currency: 'EUR',
        orders: 1,
        gross_minor: '2500',
        refunded_minor: '2500',
        net_revenue_minor: '0',
        first_purchase_at: new Date('2025-03-03T12:00:00.025Z'),
        last_purchase_at: new Date('2025-03-03T12:00:00.025Z'),
      },
    ]);
    expect(await bed.rows('customers')).toEqual([
      { customer_id: 'kari', home_location_id: 'oslo', registered_at: new Date('2025-01-01T08:00:00Z') },
      { customer_id: 'ola', home_location_id: 'berlin', registered_at: new Date('2025-01-01T08:00:00Z') },
    ]);
  });

  it('keeps what each customer bought at each location', async () => {
    await bed.feed(history(log));
    const { rows } = await sql<Record<string, unknown>>`
      SELECT customer_id, location_id, currency, orders, net_revenue_minor, first_purchase_at, last_purchase_at
      FROM analytics.lifetime_value_customer_locations ORDER BY customer_id, location_id`.execute(bed.db);
    expect(rows).toEqual([
      {
        customer_id: 'kari',
        location_id: 'bergen',
        currency: 'NOK',
        orders: 1,
        net_revenue_minor: '2500',
        first_purchase_at: new Date('2025-03-08T10:00:00.750Z'),
        last_purchase_at: new Date('2025-03-08T10:00:00.750Z'),
      },
      {
        customer_id: 'kari',
        location_id: 'oslo',
        currency: 'NOK',
        orders: 3,
        net_revenue_minor: '13000',
        first_purchase_at: new Date('2025-02-27T23:30:00Z'),
        last_purchase_at: new Date('2025-03-01T18:30:00Z'),
      },
      {
        customer_id: 'ola',
        location_id: 'berlin',
        currency: 'EUR',
        orders: 1,
        net_revenue_minor: '0',
        first_purchase_at: new Date('2025-03-03T12:00:00.025Z'),
        last_purchase_at: new Date('2025-03-03T12:00:00.025Z'),
      },
    ]);
  });

  it('merges purchases of one UTC day into one transaction, refunds netted against the purchase day', async () => {
    await bed.feed(history(log));
    const { rows } = await sql<Record<string, unknown>>`
      SELECT customer_id, currency, day::text AS day, purchases, gross_minor, refunded_minor, net_minor
      FROM analytics.lifetime_value_purchase_days ORDER BY customer_id, currency, day`.execute(bed.db);
    expect(rows).toEqual([
      { customer_id: 'kari', currency: 'NOK', day: '2025-02-27', purchases: 1, gross_minor: '2000', refunded_minor: '0', net_minor: '2000' },
      { customer_id: 'kari', currency: 'NOK', day: '2025-03-01', purchases: 2, gross_minor: '15000', refunded_minor: '4000', net_minor: '11000' },
      { customer_id: 'kari', currency: 'NOK', day: '2025-03-08', purchases: 1, gross_minor: '3000', refunded_minor: '500', net_minor: '2500' },
      { customer_id: 'ola', currency: 'EUR', day: '2025-03-03', purchases: 1, gross_minor: '2500', refunded_minor: '2500', net_minor: '0' },
    ]);
    const { rows: values } = await sql<Record<string, unknown>>`
      SELECT customer_id, currency, average_order_value_minor FROM analytics.lifetime_value_customer_values ORDER BY customer_id`.execute(bed.db);
    // 155.00 / 4 = 38.75; 0 / 1.
    expect(values).toEqual([
      { customer_id: 'kari', currency: 'NOK', average_order_value_minor: '3875' },
      { customer_id: 'ola', currency: 'EUR', average_order_value_minor: '0' },
    ]);
  });

  it('leaves the rows unchanged when the same events come again', async () => {
    const events = history(log);
    await bed.feed(events);
    const before = await allRows(bed);
    expect(before.purchases).toHaveLength(5);
    await bed.feed(events);
    // A crash after the commit, before the projector learnt of it: the stored checkpoint decides.
    await bed.reloadCheckpoint();
    await bed.feed(events.slice(4));
    expect(await allRows(bed)).toEqual(before);
  });

  it('gives the same rows however the events are cut into batches', async () => {
    const events = history(log);
    await bed.feed(events);
    const whole = await allRows(bed);
    for (const size of [1, 2, 3, 5]) {
      const other = await createProjectionTestBed(lifetimeValueProjection);
      try {
        for (let i = 0; i < events.length; i += size) await other.feed(events.slice(i, i + size));
        expect([size, await allRows(other)]).toEqual([size, whole]);
      } finally {
        await other.close();
      }
    }
  });
});
