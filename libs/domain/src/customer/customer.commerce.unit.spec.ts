import { notFound, violation } from '../testing/decider-spec';
import { berlin, CUSTOMER_ID, customer, oslo, purchased, refunded, registered } from '../testing/customer-fixtures';
import type { CustomerEvent } from './customer.events';

const id = { customerId: CUSTOMER_ID };
const at = '2025-02-10T14:30:00Z';

describe('customer: purchases', () => {
  const purchase = { type: 'RecordPurchase', ...id, purchaseId: 'p-1', locationId: oslo.locationId, amountMinor: 129_900, currency: 'NOK', occurredAt: at } as const;
  const lines = [
    { sku: 'CLEAN-4H', description: 'Four-hour clean', quantity: 1, unitPriceMinor: 99_900 },
    { sku: 'WINDOWS', quantity: 2, unitPriceMinor: 15_000 },
  ];

  it('records a purchase in the location currency', () => {
    customer
      .given([registered])
      .when(purchase)
      .then([{ type: 'PurchaseRecorded', data: { purchaseId: 'p-1', locationId: oslo.locationId, amountMinor: 129_900, currency: 'NOK', occurredAt: at } }]);
  });

  it('keeps the lines, and allows a zero amount', () => {
    customer
      .given([registered])
      .when({ ...purchase, amountMinor: 0, lines })
      .then([{ type: 'PurchaseRecorded', data: { purchaseId: 'p-1', locationId: oslo.locationId, amountMinor: 0, currency: 'NOK', occurredAt: at, lines } }]);
  });

  it('refuses a currency other than the location’s', () => {
    customer.given([registered]).when({ ...purchase, currency: 'EUR' }).then(violation('currency-mismatch'));
  });

  it('accepts another location’s currency at that location', () => {
    customer
      .given([registered])
      .when({ ...purchase, locationId: berlin.locationId, currency: 'EUR' })
      .then([{ type: 'PurchaseRecorded', data: { purchaseId: 'p-1', locationId: berlin.locationId, amountMinor: 129_900, currency: 'EUR', occurredAt: at } }]);
  });

  it('refuses an unknown location', () => {
    customer.given([registered]).when({ ...purchase, locationId: 'loc-x' }).then(notFound('location', 'loc-x'));
  });

  it('refuses a purchase id already used', () => {
    customer.given([registered, purchased('p-1', 100)]).when(purchase).then(violation('duplicate-id'));
  });
});

describe('customer: refunds', () => {
  const refund = { type: 'IssueRefund', ...id, refundId: 'r-1', purchaseId: 'p-1', amountMinor: 40_00, occurredAt: at } as const;
  const issued = (refundId: string, amountMinor: number): CustomerEvent => ({
    type: 'RefundIssued',
    data: { refundId, purchaseId: 'p-1', locationId: oslo.locationId, amountMinor, currency: 'NOK', occurredAt: at },
  });

  it('issues a partial refund in the purchase’s currency and location', () => {
    customer.given([registered, purchased('p-1', 100_00)]).when(refund).then([issued('r-1', 40_00)]);
  });

  it('issues a full refund, with a reason', () => {
    customer
      .given([registered, purchased('p-1', 100_00)])
      .when({ ...refund, amountMinor: 100_00, reason: 'cancelled' })
      .then([{ type: 'RefundIssued', data: { ...issued('r-1', 100_00).data, reason: 'cancelled' } } as CustomerEvent]);
  });

  it('issues the exact remainder after an earlier partial refund', () => {
    customer
      .given([registered, purchased('p-1', 100_00), refunded('r-1', 'p-1', 70_00)])
      .when({ ...refund, refundId: 'r-2', amountMinor: 30_00 })
      .then([issued('r-2', 30_00)]);
  });

  it('refuses a refund above the purchase amount', () => {
    customer.given([registered, purchased('p-1', 100_00)]).when({ ...refund, amountMinor: 100_01 }).then(violation('refund-exceeds-remaining'));
  });

  it('refuses a refund above what is left after an earlier partial refund', () => {
    customer
      .given([registered, purchased('p-1', 100_00), refunded('r-1', 'p-1', 70_00)])
      .when({ ...refund, refundId: 'r-2', amountMinor: 30_01 })
      .then(violation('refund-exceeds-remaining'));
  });

  it('refuses any refund of a fully refunded purchase', () => {
    customer
      .given([registered, purchased('p-1', 100_00), refunded('r-1', 'p-1', 100_00)])
      .when({ ...refund, refundId: 'r-2', amountMinor: 1 })
      .then(violation('refund-exceeds-remaining'));
  });

  it.each(['p-404', 'constructor', '__proto__'])('refuses a refund of an unknown purchase (%s)', (purchaseId) => {
    customer.given([registered, purchased('p-1', 100_00)]).when({ ...refund, purchaseId }).then(violation('unknown-purchase'));
  });

  it('refuses a refund id already used', () => {
    customer
      .given([registered, purchased('p-1', 100_00), refunded('r-1', 'p-1', 10_00)])
      .when({ ...refund, amountMinor: 10_00 })
      .then(violation('duplicate-id'));
  });

  it('never emits a non-positive refund', () => {
    customer.given([registered, purchased('p-1', 100_00)]).when({ ...refund, amountMinor: 0 }).then(violation('schema-violation'));
  });
});
