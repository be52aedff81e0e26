import type { ProjectedEvent } from '@ledgerline/read-models';
import { utcDayOf } from '@ledgerline/domain';

// What one batch of events adds to the lifetime-value tables, computed in memory without reading them.
// Every stored total is a sum, a minimum or a maximum, so a batch's contribution is a delta that the
// store adds to the rows in one upsert per table: the rows do not depend on how the log is cut into
// batches, and no statement is issued per event.

/** Money totals of a batch for one key: sums to add, and the earliest/latest purchase to merge. Minor units. */
export interface MoneyDelta {
  readonly currency: string;
  orders: number;
  grossMinor: number;
  refundedMinor: number;
  /** Epoch milliseconds; null when the batch has no purchase for the key (only refunds). */
  firstPurchaseAt: number | null;
  lastPurchaseAt: number | null;
}

export interface CustomerValueDelta extends MoneyDelta {
  readonly customerId: string;
}

export interface CustomerLocationDelta extends MoneyDelta {
  readonly customerId: string;
  readonly locationId: string;
}

/** A purchase first seen in this batch, with the refunds of it the batch also holds. */
export interface NewPurchase {
  readonly customerId: string;
  readonly purchaseId: string;
  readonly currency: string;
  readonly locationId: string;
  readonly occurredAt: number;
  /** UTC calendar day, 'YYYY-MM-DD'. */
  readonly purchaseDay: string;
  readonly amountMinor: number;
  refundedMinor: number;
}

/** Refunds in this batch of a purchase recorded in an earlier one, summed per purchase. */
export interface EarlierPurchaseRefund {
  readonly customerId: string;
  readonly purchaseId: string;
  amountMinor: number;
}

export interface Registration {
  readonly customerId: string;
  readonly homeLocationId: string;
  readonly registeredAt: number;
}

export interface LifetimeValueChanges {
  readonly registrations: Registration[];
  readonly values: CustomerValueDelta[];
  readonly locations: CustomerLocationDelta[];
  readonly newPurchases: NewPurchase[];
  readonly earlierPurchaseRefunds: EarlierPurchaseRefund[];
}

/** Pure: the changes a batch of events (in log order) makes. Events of other kinds are ignored. */
export function lifetimeValueChanges(events: readonly ProjectedEvent[]): LifetimeValueChanges {
  const registrations = new Map<string, Registration>();
  const values = new Map<string, CustomerValueDelta>();
  const locations = new Map<string, CustomerLocationDelta>();
  const newPurchases = new Map<string, NewPurchase>();
  const earlierRefunds = new Map<string, EarlierPurchaseRefund>();

  for (const event of events) {
    if (!('customerId' in event)) continue;
    const { customerId } = event;
    switch (event.type) {
      case 'CustomerRegistered':
        registrations.set(customerId, { customerId, homeLocationId: event.data.homeLocationId, registeredAt: Date.parse(event.data.occurredAt) });
        break;
      case 'PurchaseRecorded': {
        const { purchaseId, locationId, currency, amountMinor } = event.data;
        const at = Date.parse(event.data.occurredAt);
        for (const delta of [
          valueDelta(values, customerId, currency),
          locationDelta(locations, customerId, locationId, currency),
        ]) {
          delta.orders += 1;
          delta.grossMinor += amountMinor;
          delta.firstPurchaseAt = delta.firstPurchaseAt === null ? at : Math.min(delta.firstPurchaseAt, at);
          delta.lastPurchaseAt = delta.lastPurchaseAt === null ? at : Math.max(delta.lastPurchaseAt, at);
        }
        newPurchases.set(key(customerId, purchaseId), {
          customerId,
          purchaseId,
          currency,
          locationId,
          occurredAt: at,
          // Purchases on one UTC calendar day are one transaction for the models.
          purchaseDay: utcDayOf(at),
          amountMinor,
          refundedMinor: 0,
        });
        break;
      }
      case 'RefundIssued': {
        const { purchaseId, locationId, currency, amountMinor } = event.data;
        valueDelta(values, customerId, currency).refundedMinor += amountMinor;
        locationDelta(locations, customerId, locationId, currency).refundedMinor += amountMinor;
        const purchase = newPurchases.get(key(customerId, purchaseId));
        if (purchase !== undefined) {
          purchase.refundedMinor += amountMinor;
        } else {
          const refund = earlierRefunds.get(key(customerId, purchaseId)) ?? { customerId, purchaseId, amountMinor: 0 };
          refund.amountMinor += amountMinor;
          earlierRefunds.set(key(customerId, purchaseId), refund);
        }
        break;
      }
      default:
        break;
    }
  }
  return {
    registrations: [...registrations.values()],
    values: [...values.values()],
    locations: [...locations.values()],
    newPurchases: [...newPurchases.values()],
    earlierPurchaseRefunds: [...earlierRefunds.values()],
  };
}

const key = (...parts: string[]): string => JSON.stringify(parts);

const emptyMoney = (currency: string): MoneyDelta => ({ currency, orders: 0, grossMinor: 0, refundedMinor: 0, firstPurchaseAt: null, lastPurchaseAt: null });

function valueDelta(deltas: Map<string, CustomerValueDelta>, customerId: string, currency: string): CustomerValueDelta {
  const k = key(customerId, currency);
  let delta = deltas.get(k);
  if (delta === undefined) deltas.set(k, (delta = { customerId, ...emptyMoney(currency) }));
  return delta;
}

function locationDelta(deltas: Map<string, CustomerLocationDelta>, customerId: string, locationId: string, currency: string): CustomerLocationDelta {
  const k = key(customerId, locationId);
  let delta = deltas.get(k);
  if (delta === undefined) deltas.set(k, (delta = { customerId, locationId, ...emptyMoney(currency) }));
  return delta;
}
