import type { DayCounters, DayDelta, SalesDelta } from './plan-batch';
import { monthOf } from './repeat-links';

// A location's counters and sales are also kept per month, so that a long period reads its whole months
// as one row each and only its partial months day by day. The month rows are the day deltas added up by
// the month of their day (`day` then holds the month's first day). Pure.

const SEP = '\u001f';

const COUNTERS: readonly (keyof DayCounters)[] = [
  'newCustomers',
  'repeatCustomers',
  'calls',
  'emails',
  'complaintsOpened',
  'complaintsResolved',
  'resolvedFirstContact',
  'promoters',
  'passives',
  'detractors',
];

export function monthlyCounters(days: Iterable<DayDelta>): Map<string, DayDelta> {
  const months = new Map<string, DayDelta>();
  for (const delta of days) {
    const month = monthOf(delta.day);
    const key = `${delta.locationId}${SEP}${month}`;
    const total = months.get(key);
    if (total === undefined) {
      months.set(key, { ...delta, day: month });
      continue;
    }
    for (const counter of COUNTERS) total[counter] += delta[counter];
  }
  return months;
}

export function monthlySales(sales: Iterable<SalesDelta>): Map<string, SalesDelta> {
  const months = new Map<string, SalesDelta>();
  for (const delta of sales) {
    const month = monthOf(delta.day);
    const key = `${delta.locationId}${SEP}${month}${SEP}${delta.currency}`;
    const total = months.get(key);
    if (total === undefined) {
      months.set(key, { ...delta, day: month });
      continue;
    }
    total.purchases += delta.purchases;
    total.grossMinor += delta.grossMinor;
    total.refunds += delta.refunds;
    total.refundedMinor += delta.refundedMinor;
  }
  return months;
}
