import type { DayCounters, DayDelta } from './plan-batch';
import { monthOf } from './repeat-links';

// A location's counters, sales in its currency included, are also kept per month, so that a long period
// reads its whole months as one row each and only its partial months day by day. The month rows are the
// day deltas added up by the month of their day (`day` then holds the month's first day). Pure.

const SEP = '\u001f';

const COUNTERS: readonly (keyof DayCounters)[] = [
  'purchases',
  'grossMinor',
  'refunds',
  'refundedMinor',
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
