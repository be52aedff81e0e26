// Turns one customer's purchase history into the (x, t_x, T, zbar) summary the models are fitted on, following
// the convention of the CDNOW data set used by Fader, Hardie & Lee (2005):
// - purchases on the same calendar day are one transaction (their amounts summed), since the models describe
//   purchase occasions, not order lines;
// - the first transaction is the customer's acquisition and is not a repeat purchase: x counts the later ones,
//   and zbar is the mean value of those later ones only (the first is often atypical, e.g. a promotion);
// - t_x runs from the first to the last transaction, T from the first transaction to the as-of date.
// Calendar days are UTC days; pass dates as 'YYYY-MM-DD' strings (or Dates at UTC midnight) to avoid surprises.

import type { CustomerSummary } from './customer-summary';

export interface Purchase {
  /** A Date, or an ISO 8601 string ('1997-01-01' is read as a UTC calendar day). */
  readonly date: Date | string;
  readonly amount: number;
}

export type TimeUnit = 'days' | 'weeks';

export interface PurchaseSummary extends CustomerSummary {
  readonly zbar: number;
}

const DAY_MS = 86_400_000;
const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { days: 1, weeks: 7 };

const utcDayNumber = (date: Date | string, what: string): number => {
  const time = typeof date === 'string' ? Date.parse(date) : date.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`summarizePurchases: ${what} is not a valid date (got ${String(date)})`);
  return Math.floor(time / DAY_MS);
};

/**
 * Summary of one customer's purchases up to and including the as-of date, in days or weeks. Purchases after the
 * as-of date are ignored (they belong to a later, hold-out period). Throws a RangeError when no purchase falls on
 * or before the as-of date (such a customer is not yet acquired), or on an invalid date or amount.
 */
export const summarizePurchases = (
  purchases: readonly Purchase[],
  asOf: Date | string,
  unit: TimeUnit = 'weeks',
): PurchaseSummary => {
  const asOfDay = utcDayNumber(asOf, 'the as-of date');
  const amountByDay = new Map<number, number>();
  purchases.forEach((purchase, i) => {
    const day = utcDayNumber(purchase.date, `purchase #${i}`);
    if (!Number.isFinite(purchase.amount)) {
      throw new RangeError(`summarizePurchases: purchase #${i} has no finite amount (got ${purchase.amount})`);
    }
    if (day <= asOfDay) amountByDay.set(day, (amountByDay.get(day) ?? 0) + purchase.amount);
  });
  if (amountByDay.size === 0) throw new RangeError('summarizePurchases: no purchase on or before the as-of date');

  const days = [...amountByDay.keys()].sort((p, q) => p - q);
  const first = days[0];
  const last = days[days.length - 1];
  const x = days.length - 1;
  const repeatTotal = days.slice(1).reduce((sum, day) => sum + (amountByDay.get(day) ?? 0), 0);
  const perUnit = DAYS_PER_UNIT[unit];
  return {
    x,
    t_x: (last - first) / perUnit,
    T: (asOfDay - first) / perUnit,
    zbar: x > 0 ? repeatTotal / x : 0,
  };
};
