import { utcDayOf } from '@ledgerline/domain';

export type Granularity = 'day' | 'week' | 'month';
export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

const MS_PER_DAY = 86_400_000;
/** A period of a query may hold at most this many buckets (ten years of days). */
export const MAX_BUCKETS = 3_700;

const msToDay = utcDayOf;

/** Midnight UTC of a YYYY-MM-DD calendar day, in ms; a RangeError for anything else (2025-02-30 too). */
export function dayToMs(day: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || msToDay(ms) !== day) throw new RangeError(`expected a calendar day YYYY-MM-DD, got "${day}"`);
  return ms;
}

export const dayBefore = (day: string): string => msToDay(dayToMs(day) - MS_PER_DAY);

/** A calendar day's number: days since 1970-01-01 (what PostgreSQL's `day - DATE '1970-01-01'` gives). */
export const epochDay = (day: string): number => dayToMs(day) / MS_PER_DAY;

/**
 * The day number (epochDay) of each of bucketStarts' starts. Days and weeks are evenly spaced, so only
 * the first start is parsed: a year by day has 365.
 */
export function bucketDayNumbers(starts: readonly string[], granularity: Granularity): number[] {
  if (granularity === 'month' || starts.length === 0) return starts.map(epochDay);
  const first = epochDay(starts[0]!);
  const step = granularity === 'day' ? 1 : 7;
  return starts.map((_, i) => first + i * step);
}

/** The first day of the bucket holding `day`: itself, the Monday on or before it (ISO weeks), or the 1st of its month. */
export function bucketStart(day: string, granularity: Granularity): string {
  const ms = dayToMs(day);
  if (granularity === 'day') return day;
  if (granularity === 'month') return `${day.slice(0, 8)}01`;
  const sinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return msToDay(ms - sinceMonday * MS_PER_DAY);
}

/** The start of the bucket after the one starting on `start`. */
export const nextBucket = (start: string, granularity: Granularity): string => msToDay(nextBucketMs(dayToMs(start), granularity));

function nextBucketMs(startMs: number, granularity: Granularity): number {
  if (granularity === 'day') return startMs + MS_PER_DAY;
  if (granularity === 'week') return startMs + 7 * MS_PER_DAY;
  const date = new Date(startMs);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/**
 * The start of every bucket that overlaps from..to (both inclusive), in order. The first and last
 * buckets may reach outside the period: they are labelled by their own start but count only the
 * period's days.
 */
export function bucketStarts(from: string, to: string, granularity: Granularity): string[] {
  const last = dayToMs(to);
  if (dayToMs(from) > last) throw new RangeError(`the period ends (${to}) before it starts (${from})`);
  const starts: string[] = [];
  for (let start = dayToMs(bucketStart(from, granularity)); start <= last; start = nextBucketMs(start, granularity)) {
    if (starts.length === MAX_BUCKETS) throw new RangeError(`the period holds more than ${MAX_BUCKETS} ${granularity} buckets`);
    starts.push(msToDay(start));
  }
  return starts;
}

export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/**
 * from..to cut at whole calendar months: the first and last whole month (null when it holds none),
 * and the days before and after them (the partial months at its edges, or the whole period).
 */
export interface MonthSplit {
  readonly months: { readonly first: string; readonly last: string } | null;
  readonly head: DayRange | null;
  readonly tail: DayRange | null;
}

export function splitAtWholeMonths(from: string, to: string): MonthSplit {
  const monthOf = (day: string) => bucketStart(day, 'month');
  const lastDayOfMonth = (day: string) => dayBefore(nextBucket(monthOf(day), 'month'));
  const first = from === monthOf(from) ? from : nextBucket(monthOf(from), 'month');
  const last = to === lastDayOfMonth(to) ? monthOf(to) : monthOf(dayBefore(monthOf(to)));
  if (first > last) return { months: null, head: { from, to }, tail: null };
  const monthsEnd = lastDayOfMonth(last);
  return {
    months: { first, last },
    head: from < first ? { from, to: dayBefore(first) } : null,
    tail: monthsEnd < to ? { from: nextBucket(monthsEnd, 'day'), to } : null,
  };
}

/** A bucket that reaches outside the period, and the days of it inside the period. */
export interface PartialBucket extends DayRange {
  readonly start: string;
}

/**
 * The buckets of bucketStarts(from, to, granularity) (`starts`) parted into those wholly inside the
 * period (by their start, in order) and the one or two at its edges that reach outside it.
 */
export function splitBuckets(starts: readonly string[], from: string, to: string, granularity: Granularity): { whole: string[]; partial: PartialBucket[] } {
  // A day is inside the period or not in it at all: no need to work out where ten years of days end.
  if (granularity === 'day') return { whole: [...starts], partial: [] };
  const whole: string[] = [];
  const partial: PartialBucket[] = [];
  starts.forEach((start, index) => {
    const end = dayBefore(starts[index + 1] ?? nextBucket(start, granularity));
    if (start >= from && end <= to) whole.push(start);
    else partial.push({ start, from: start < from ? from : start, to: end > to ? to : end });
  });
  return { whole, partial };
}
