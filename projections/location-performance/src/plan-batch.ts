import type { LocatedFact } from './locate-events';
import { npsCategory } from './metrics';
import { monthlyCounters } from './month-rollup';
import { hasDay, linkChanges, monthOf, weekOf, withDay, type RepeatLink } from './repeat-links';

/** Purchases and refunds in one currency, as deltas to add. */
export interface SalesCounts {
  purchases: number;
  grossMinor: number;
  refunds: number;
  refundedMinor: number;
}

/**
 * Counters of a location's day (location_days), as deltas to add. The sales are those in the location's
 * registered currency; a sale in any other (or at a location not registered yet) is an OtherSalesDelta.
 */
export interface DayCounters extends SalesCounts {
  newCustomers: number;
  repeatCustomers: number;
  calls: number;
  emails: number;
  complaintsOpened: number;
  complaintsResolved: number;
  resolvedFirstContact: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface DayDelta extends DayCounters {
  readonly locationId: string;
  readonly day: string;
}

/**
 * Sales of a location's day in one currency that is not the location's registered one
 * (location_day_other_sales), as deltas to add: bad data, or a location registered later in the log.
 */
export interface OtherSalesDelta extends SalesCounts {
  readonly locationId: string;
  readonly day: string;
  readonly currency: string;
}

export interface ResolutionRow {
  readonly eventId: string;
  readonly locationId: string;
  readonly day: string;
  readonly complaintId: string;
  readonly customerId: string;
  readonly openedAt: string;
  readonly resolvedAt: string;
  readonly seconds: number;
  readonly firstContact: boolean;
}

/** A customer's purchase days at a location, sorted: the first is their first purchase day there. */
export interface CustomerPurchaseDays {
  readonly locationId: string;
  readonly customerId: string;
  readonly days: readonly string[];
}

/** What the tables held before the batch, for the (location, customer) pairs the batch's purchases name. */
export interface CustomerHistory {
  /** By pairKey: the customer's purchase days at the location, sorted; absent when there are none. */
  readonly purchaseDays: ReadonlyMap<string, readonly string[]>;
}

/** Links between consecutive repeat days (see repeat-links.ts), counted by the months of their two days. */
export interface LinkMonthDelta {
  readonly locationId: string;
  readonly month: string;
  readonly prevMonth: string;
  links: number;
}

/** Links whose two days fall in the same ISO week, counted by that week. */
export interface LinkWeekDelta {
  readonly locationId: string;
  readonly week: string;
  links: number;
}

export interface BatchPlan {
  readonly days: ReadonlyMap<string, DayDelta>;
  /** The same deltas added up per month (`day`: the month's first day). */
  readonly months: ReadonlyMap<string, DayDelta>;
  readonly otherSales: ReadonlyMap<string, OtherSalesDelta>;
  /** The pairs whose purchase days the batch changed, with all their days now. */
  readonly purchaseDays: ReadonlyMap<string, CustomerPurchaseDays>;
  readonly links: { readonly added: readonly RepeatLink[]; readonly removed: readonly RepeatLink[] };
  readonly linkMonths: ReadonlyMap<string, LinkMonthDelta>;
  readonly linkWeeks: ReadonlyMap<string, LinkWeekDelta>;
  readonly resolutions: readonly ResolutionRow[];
}

// Ids are free text; a control character keeps two different tuples from making the same key.
const SEP = '\u001f';
export const pairKey = (locationId: string, customerId: string) => `${locationId}${SEP}${customerId}`;

const zeroCounters = (): DayCounters => ({
  purchases: 0,
  grossMinor: 0,
  refunds: 0,
  refundedMinor: 0,
  newCustomers: 0,
  repeatCustomers: 0,
  calls: 0,
  emails: 0,
  complaintsOpened: 0,
  complaintsResolved: 0,
  resolvedFirstContact: 0,
  promoters: 0,
  passives: 0,
  detractors: 0,
});

/**
 * The row changes of a whole batch: per-(location, day) counter deltas, sales in other currencies, the
 * customers' purchase days and the links between their repeat days, and the resolutions. Facts are
 * taken in log order, and each sees the customer history as the earlier facts of the batch left it, so
 * a first and a second purchase in one batch count as they would in two. Pure.
 *
 * `currencies` holds each location's registered currency as of the batch's end (see currenciesAfter):
 * a sale in it goes on the day's row, any other to otherSales. A registration moves the sales of earlier
 * batches over (batch-store.ts), so where a sale lands never depends on how the log was cut into batches.
 *
 * New and repeat customers follow business time, not log order: a purchase logged late but made
 * before the customer's known first purchase day moves the first day earlier, so the old first day
 * loses a new customer and gains a repeat one.
 */
export function planBatch(facts: readonly LocatedFact[], history: CustomerHistory, currencies: ReadonlyMap<string, string>): BatchPlan {
  const days = new Map<string, DayDelta>();
  const otherSales = new Map<string, OtherSalesDelta>();
  const purchaseDays = new Map<string, CustomerPurchaseDays>();
  const resolutions: ResolutionRow[] = [];

  const dayOf = (locationId: string, day: string): DayDelta => {
    const key = `${locationId}${SEP}${day}`;
    let delta = days.get(key);
    if (delta === undefined) {
      delta = { locationId, day, ...zeroCounters() };
      days.set(key, delta);
    }
    return delta;
  };
  /** Where a sale is added up: its day's row in the registered currency, else its other-currency row. */
  const salesOf = (locationId: string, day: string, currency: string): SalesCounts => {
    // Every day with sales has its location_days row (maybe all zeros), so a registration that adopts
    // its other-currency sales has a row to move them onto.
    const own = dayOf(locationId, day);
    if (currencies.get(locationId) === currency) return own;
    const key = `${locationId}${SEP}${day}${SEP}${currency}`;
    let delta = otherSales.get(key);
    if (delta === undefined) {
      delta = { locationId, day, currency, purchases: 0, grossMinor: 0, refunds: 0, refundedMinor: 0 };
      otherSales.set(key, delta);
    }
    return delta;
  };

  for (const fact of facts) {
    switch (fact.kind) {
      case 'purchase': {
        const { locationId, day, customerId } = fact;
        const entry = salesOf(locationId, day, fact.currency);
        entry.purchases += 1;
        entry.grossMinor += fact.amountMinor;

        const pair = pairKey(locationId, customerId);
        const known = purchaseDays.get(pair)?.days ?? history.purchaseDays.get(pair) ?? [];
        if (hasDay(known, day)) break;
        purchaseDays.set(pair, { locationId, customerId, days: withDay(known, day) });
        const first = known[0];
        if (first === undefined) {
          dayOf(locationId, day).newCustomers += 1;
        } else if (day > first) {
          dayOf(locationId, day).repeatCustomers += 1;
        } else {
          // Earlier than the first purchase day known so far (day < first: day === first is a known day).
          const old = dayOf(locationId, first);
          old.newCustomers -= 1;
          old.repeatCustomers += 1;
          dayOf(locationId, day).newCustomers += 1;
        }
        break;
      }
      case 'refund': {
        const entry = salesOf(fact.locationId, fact.day, fact.currency);
        entry.refunds += 1;
        entry.refundedMinor += fact.amountMinor;
        break;
      }
      case 'call':
        dayOf(fact.locationId, fact.day).calls += 1;
        break;
      case 'email':
        dayOf(fact.locationId, fact.day).emails += 1;
        break;
      case 'complaintOpened':
        dayOf(fact.locationId, fact.day).complaintsOpened += 1;
        break;
      case 'complaintResolved': {
        const delta = dayOf(fact.locationId, fact.day);
        delta.complaintsResolved += 1;
        if (fact.firstContact) delta.resolvedFirstContact += 1;
        resolutions.push({
          eventId: fact.eventId,
          locationId: fact.locationId,
          day: fact.day,
          complaintId: fact.complaintId,
          customerId: fact.customerId,
          openedAt: fact.openedAt,
          resolvedAt: fact.resolvedAt,
          seconds: resolutionSeconds(fact.openedAt, fact.resolvedAt),
          firstContact: fact.firstContact,
        });
        break;
      }
      case 'satisfaction': {
        const delta = dayOf(fact.locationId, fact.day);
        const category = npsCategory(fact.score);
        if (category === 'promoter') delta.promoters += 1;
        else if (category === 'passive') delta.passives += 1;
        else delta.detractors += 1;
        break;
      }
    }
  }
  return { days, months: monthlyCounters(days.values()), otherSales, purchaseDays, ...planLinks(purchaseDays, history), resolutions };
}

/** The links the batch's new purchase days remove and add, and the deltas of their month and week counts. */
function planLinks(purchaseDays: ReadonlyMap<string, CustomerPurchaseDays>, history: CustomerHistory): Pick<BatchPlan, 'links' | 'linkMonths' | 'linkWeeks'> {
  const added: RepeatLink[] = [];
  const removed: RepeatLink[] = [];
  const linkMonths = new Map<string, LinkMonthDelta>();
  const linkWeeks = new Map<string, LinkWeekDelta>();
  const count = (locationId: string, prevDay: string, day: string, delta: number) => {
    const month = monthOf(day);
    const prevMonth = monthOf(prevDay);
    const monthKey = `${locationId}${SEP}${month}${SEP}${prevMonth}`;
    const monthEntry = linkMonths.get(monthKey) ?? { locationId, month, prevMonth, links: 0 };
    monthEntry.links += delta;
    linkMonths.set(monthKey, monthEntry);
    const week = weekOf(day);
    if (week !== weekOf(prevDay)) return;
    const weekKey = `${locationId}${SEP}${week}`;
    const weekEntry = linkWeeks.get(weekKey) ?? { locationId, week, links: 0 };
    weekEntry.links += delta;
    linkWeeks.set(weekKey, weekEntry);
  };
  for (const [pair, { locationId, customerId, days }] of purchaseDays) {
    const changes = linkChanges(history.purchaseDays.get(pair) ?? [], days);
    for (const [prevDay, day] of changes.removed) {
      removed.push({ locationId, customerId, prevDay, day });
      count(locationId, prevDay, day, -1);
    }
    for (const [prevDay, day] of changes.added) {
      added.push({ locationId, customerId, prevDay, day });
      count(locationId, prevDay, day, 1);
    }
  }
  return { links: { added, removed }, linkMonths, linkWeeks };
}

/**
 * Seconds from opening to resolution, to the millisecond. Never negative: the two times come from
 * different services' clocks, and a resolution cannot precede its complaint.
 */
export function resolutionSeconds(openedAt: string, resolvedAt: string): number {
  const opened = Date.parse(openedAt);
  const resolved = Date.parse(resolvedAt);
  if (Number.isNaN(opened) || Number.isNaN(resolved)) throw new RangeError(`cannot time a resolution from "${openedAt}" to "${resolvedAt}"`);
  return Math.max(0, resolved - opened) / 1000;
}
