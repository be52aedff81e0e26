/** A location's figures over a period (a day, week, month or any range). Money in minor units of its currency. */
export interface PerformanceMetrics {
  readonly netRevenueMinor: number;
  readonly grossRevenueMinor: number;
  readonly refundedMinor: number;
  readonly purchases: number;
  readonly refunds: number;
  /** Gross purchase amount / purchases, rounded to a whole minor unit; null without purchases. */
  readonly averageTicketMinor: number | null;
  readonly newCustomers: number;
  readonly repeatCustomers: number;
  readonly calls: number;
  readonly emails: number;
  readonly complaintsOpened: number;
  readonly complaintsResolved: number;
  /** 0..1; null without resolutions. */
  readonly firstContactResolutionRate: number | null;
  readonly medianResolutionSeconds: number | null;
  /** -100..100; null without answers. */
  readonly nps: number | null;
}

/** The sums a period's metrics derive from; the two non-additive figures come computed for the period. */
export interface PeriodSums {
  grossMinor: number;
  refundedMinor: number;
  purchases: number;
  refunds: number;
  newCustomers: number;
  calls: number;
  emails: number;
  complaintsOpened: number;
  complaintsResolved: number;
  resolvedFirstContact: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Distinct customers with a repeat purchase day in the period. */
  repeatCustomers: number;
  medianResolutionSeconds: number | null;
}

export const emptySums = (): PeriodSums => ({
  grossMinor: 0,
  refundedMinor: 0,
  purchases: 0,
  refunds: 0,
  newCustomers: 0,
  calls: 0,
  emails: 0,
  complaintsOpened: 0,
  complaintsResolved: 0,
  resolvedFirstContact: 0,
  promoters: 0,
  passives: 0,
  detractors: 0,
  repeatCustomers: 0,
  medianResolutionSeconds: null,
});

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** 9-10 promote, 7-8 are passive, 0-6 detract. */
export const npsCategory = (score: number): NpsCategory => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/** % promoters minus % detractors, -100..100; null when nobody answered. */
export function netPromoterScore(promoters: number, passives: number, detractors: number): number | null {
  const answers = promoters + passives + detractors;
  return answers === 0 ? null : (100 * (promoters - detractors)) / answers;
}

/**
 * Gross purchase amount per purchase: what a ticket was worth when rung up. Refunds lower net revenue,
 * not the ticket size (they land on later days and would otherwise make a day's average negative).
 * Half a minor unit rounds up; null without purchases.
 */
export function averageTicket(grossMinor: number, purchases: number): number | null {
  return purchases === 0 ? null : Math.round(grossMinor / purchases);
}

export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * A bucket's figures, its first day first. One object: `{ start, ...toMetrics(sums) }` made two, and
 * copied the second into the first, for each of a year's 365 days (a quarter of what a by-day answer
 * allocated).
 */
export function toBucket(start: string, sums: PeriodSums): PerformanceMetrics & { readonly start: string } {
  return {
    start,
    netRevenueMinor: sums.grossMinor - sums.refundedMinor,
    grossRevenueMinor: sums.grossMinor,
    refundedMinor: sums.refundedMinor,
    purchases: sums.purchases,
    refunds: sums.refunds,
    averageTicketMinor: averageTicket(sums.grossMinor, sums.purchases),
    newCustomers: sums.newCustomers,
    repeatCustomers: sums.repeatCustomers,
    calls: sums.calls,
    emails: sums.emails,
    complaintsOpened: sums.complaintsOpened,
    complaintsResolved: sums.complaintsResolved,
    firstContactResolutionRate: ratio(sums.resolvedFirstContact, sums.complaintsResolved),
    medianResolutionSeconds: sums.medianResolutionSeconds,
    nps: netPromoterScore(sums.promoters, sums.passives, sums.detractors),
  };
}

/** A period's figures (a total, a ranked location): the few that are not buckets. */
export function toMetrics(sums: PeriodSums): PerformanceMetrics {
  const { start: _start, ...metrics } = toBucket('', sums);
  return metrics;
}
