import type { CustomerEvent } from '@ledgerline/domain';
import { toProjectedEvent } from '@ledgerline/read-models';
import { EventLogFixture } from '@ledgerline/read-models/testing';
import { lifetimeValueChanges } from './lifetime-value-changes';

const purchase = (purchaseId: string, amountMinor: number, occurredAt: string, locationId = 'oslo', currency = 'NOK'): CustomerEvent => ({
  type: 'PurchaseRecorded',
  data: { purchaseId, locationId, amountMinor, currency, occurredAt },
});
const refund = (refundId: string, purchaseId: string, amountMinor: number, locationId = 'oslo', currency = 'NOK'): CustomerEvent => ({
  type: 'RefundIssued',
  data: { refundId, purchaseId, locationId, amountMinor, currency, occurredAt: '2025-03-20T10:00:00Z' },
});

describe('lifetimeValueChanges', () => {
  const changesOf = (...streams: [string, CustomerEvent[]][]) => {
    const log = new EventLogFixture();
    return lifetimeValueChanges(streams.flatMap(([customerId, events]) => log.customer(customerId, ...events)).map(toProjectedEvent));
  };

  it('sums purchases and refunds per customer and currency, keeping the earliest and latest purchase', () => {
    const changes = changesOf([
      'kari',
      [
        purchase('p1', 100_00, '2025-03-05T10:00:00Z'),
        purchase('p2', 40_00, '2025-03-01T08:00:00Z'), // recorded late: still the first purchase
        refund('r1', 'p1', 30_00),
        purchase('p3', 25_00, '2025-03-09T10:00:00Z', 'berlin', 'EUR'),
      ],
    ]);
    expect(changes.values).toEqual([
      {
        customerId: 'kari',
        currency: 'NOK',
        orders: 2,
        grossMinor: 140_00,
        refundedMinor: 30_00,
        firstPurchaseAt: Date.parse('2025-03-01T08:00:00Z'),
        lastPurchaseAt: Date.parse('2025-03-05T10:00:00Z'),
      },
      {
        customerId: 'kari',
        currency: 'EUR',
        orders: 1,
        grossMinor: 25_00,
        refundedMinor: 0,
        firstPurchaseAt: Date.parse('2025-03-09T10:00:00Z'),
        lastPurchaseAt: Date.parse('2025-03-09T10:00:00Z'),
      },
    ]);
    expect(changes.locations.map((l) => [l.locationId, l.currency, l.orders, l.grossMinor, l.refundedMinor])).toEqual([
      ['oslo', 'NOK', 2, 140_00, 30_00],
      ['berlin', 'EUR', 1, 25_00, 0],
    ]);
  });

  it('nets a refund against its purchase when the purchase is in the same batch, and carries it over otherwise', () => {
    const changes = changesOf(['kari', [purchase('p2', 80_00, '2025-03-02T23:59:59.999Z'), refund('r1', 'p2', 80_00), refund('r2', 'p1', 10_00), refund('r3', 'p1', 5_00)]]);
    expect(changes.newPurchases).toEqual([
      {
        customerId: 'kari',
        purchaseId: 'p2',
        currency: 'NOK',
        locationId: 'oslo',
        occurredAt: Date.parse('2025-03-02T23:59:59.999Z'),
        purchaseDay: '2025-03-02',
        amountMinor: 80_00,
        refundedMinor: 80_00,
      },
    ]);
    expect(changes.earlierPurchaseRefunds).toEqual([{ customerId: 'kari', purchaseId: 'p1', amountMinor: 15_00 }]);
    // Refund-only keys change no purchase time.
    expect(changes.values).toEqual([
      expect.objectContaining({ orders: 1, grossMinor: 80_00, refundedMinor: 95_00, firstPurchaseAt: Date.parse('2025-03-02T23:59:59.999Z') }),
    ]);
  });

  it('keeps customers apart, records registrations and ignores events that carry no value', () => {
    const changes = changesOf(
      [
        'kari',
        [
          { type: 'CustomerRegistered', data: { customerId: 'kari', name: 'Kari', homeLocationId: 'oslo', occurredAt: '2025-01-01T08:00:00Z' } },
          { type: 'CallLogged', data: { callId: 'c1', direction: 'inbound', locationId: 'oslo', durationSeconds: 60, outcome: 'ok', occurredAt: '2025-01-02T08:00:00Z' } },
          purchase('p1', 10_00, '2025-03-01T10:00:00Z'),
        ],
      ],
      ['ola', [purchase('p1', 20_00, '2025-03-01T10:00:00Z')]],
    );
    expect(changes.registrations).toEqual([{ customerId: 'kari', homeLocationId: 'oslo', registeredAt: Date.parse('2025-01-01T08:00:00Z') }]);
    expect(changes.values.map((v) => [v.customerId, v.grossMinor])).toEqual([
      ['kari', 10_00],
      ['ola', 20_00],
    ]);
    expect(changes.newPurchases.map((p) => [p.customerId, p.purchaseId])).toEqual([
      ['kari', 'p1'],
      ['ola', 'p1'],
    ]);
  });
});
