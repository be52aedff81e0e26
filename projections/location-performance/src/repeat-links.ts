import { bucketStart, splitAtWholeMonths } from './periods';

/**
 * Distinct repeat customers over any period, without a DISTINCT over every purchase day.
 *
 * A customer's repeat days at a location are their purchase days after the first. A link joins two
 * consecutive repeat days of one customer. The customers with a repeat day in from..to are then
 *
 *   (repeat days in from..to) − (links with both ends in from..to)
 *
 * because each such customer's repeat days in the period form one run of k days joined by k − 1 links.
 * The first term is the sum of the daily repeat_customers counter. The second is counted from links
 * grouped by (month of the earlier day, month of the later one) for the period's whole months, and from
 * the links themselves only where an end falls in a partial month at the period's edges; see
 * periodLinkPlan. Same-week and same-month links are also totalled, for week and month buckets.
 */

/** Two consecutive repeat days of one customer at one location. */
export interface RepeatLink {
  readonly locationId: string;
  readonly customerId: string;
  readonly prevDay: string;
  readonly day: string;
}

/** Where `day` goes in a sorted list of days: its index if present, else -(insertion point) - 1. */
function search(days: readonly string[], day: string): number {
  let low = 0;
  let high = days.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = days[middle]!;
    if (value < day) low = middle + 1;
    else if (value > day) high = middle - 1;
    else return middle;
  }
  return -low - 1;
}

/** The sorted days with `day` added, or the same array when it is already there. */
export function withDay(days: readonly string[], day: string): readonly string[] {
  const at = search(days, day);
  if (at >= 0) return days;
  const index = -at - 1;
  return [...days.slice(0, index), day, ...days.slice(index)];
}

export const hasDay = (days: readonly string[], day: string): boolean => search(days, day) >= 0;

/** The links of a customer's sorted purchase days at one location: consecutive pairs after the first day. */
export function repeatLinks(days: readonly string[]): [prevDay: string, day: string][] {
  const links: [string, string][] = [];
  for (let index = 2; index < days.length; index++) links.push([days[index - 1]!, days[index]!]);
  return links;
}

/** The links that going from `before` to `after` (both sorted) removes and adds. */
export function linkChanges(before: readonly string[], after: readonly string[]): { removed: [string, string][]; added: [string, string][] } {
  const key = ([prevDay, day]: [string, string]) => `${prevDay} ${day}`;
  const old = new Map(repeatLinks(before).map((link) => [key(link), link]));
  const added: [string, string][] = [];
  for (const link of repeatLinks(after)) {
    if (!old.delete(key(link))) added.push(link);
  }
  return { removed: [...old.values()], added };
}

export const monthOf = (day: string): string => `${day.slice(0, 8)}01`;
export const weekOf = (day: string): string => bucketStart(day, 'week');

/**
 * How to count the links with both ends in from..to (days YYYY-MM-DD, inclusive), in up to three parts
 * that never count a link twice:
 * - `months`: the link-month cells with both months in firstMonth..lastMonth, the period's whole months;
 * - `head`: links whose earlier day is in prevDayFrom..prevDayTo (the partial month at the start, or the
 *   whole period when it holds no whole month) and whose later day is on or before dayTo;
 * - `tail`: links whose later day is in dayFrom..dayTo (the partial month at the end) and whose earlier
 *   day is on or after prevDayFrom.
 * The partial months bound how many single links a query reads: at most two months' worth. Pure.
 */
export interface PeriodLinkPlan {
  readonly months: { readonly firstMonth: string; readonly lastMonth: string } | null;
  readonly head: { readonly prevDayFrom: string; readonly prevDayTo: string; readonly dayTo: string } | null;
  readonly tail: { readonly dayFrom: string; readonly dayTo: string; readonly prevDayFrom: string } | null;
}

export function periodLinkPlan(from: string, to: string): PeriodLinkPlan {
  const { months, head, tail } = splitAtWholeMonths(from, to);
  return {
    months: months && { firstMonth: months.first, lastMonth: months.last },
    head: head && { prevDayFrom: head.from, prevDayTo: head.to, dayTo: to },
    tail: tail && months && { dayFrom: tail.from, dayTo: tail.to, prevDayFrom: months.first },
  };
}
