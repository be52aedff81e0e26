import { sql, type Kysely, type RawBuilder } from 'kysely';
import { emptySums, toMetrics, type PerformanceMetrics, type PeriodSums } from './metrics';
import { bucketStarts, dayToMs, GRANULARITIES, type Granularity } from './periods';
import type { LocationPerformanceViews, LocationRegistryView } from './performance-tables';

export type { Granularity } from './periods';

// Everything here reads the analytics views, never a build's schema: they follow the live build, so
// a query keeps working while a rebuild is swapped in. Periods are calendar days YYYY-MM-DD, both
// inclusive, in each location's own time zone (the days the projection stored).

export interface LocationPerformanceQuery {
  readonly locationId: string;
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
}

export interface PerformanceBucket extends PerformanceMetrics {
  /** The bucket's first day: the day itself, the Monday of an ISO week, the 1st of a month. */
  readonly start: string;
}

/** Sales in a currency other than the location's: bad data, never mixed into its revenue. */
export interface OtherCurrencySales {
  readonly currency: string;
  readonly purchases: number;
  readonly refunds: number;
  readonly netRevenueMinor: number;
}

export interface LocationPerformance {
  readonly locationId: string;
  readonly name: string | null;
  readonly region: string | null;
  /** The currency of every amount; null while the location is not registered (it then shows no revenue). */
  readonly currency: string | null;
  readonly timezone: string | null;
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
  readonly totals: PerformanceMetrics;
  /** Every bucket that overlaps the period, empty ones included; the edge ones count only the period's days. */
  readonly buckets: PerformanceBucket[];
  readonly otherCurrencies: OtherCurrencySales[];
}

export const RANKING_METRICS = [
  'netRevenueMinor',
  'grossRevenueMinor',
  'refundedMinor',
  'purchases',
  'refunds',
  'averageTicketMinor',
  'newCustomers',
  'repeatCustomers',
  'calls',
  'emails',
  'complaintsOpened',
  'complaintsResolved',
  'firstContactResolutionRate',
  'medianResolutionSeconds',
  'nps',
] as const satisfies readonly (keyof PerformanceMetrics)[];
export type RankingMetric = (typeof RANKING_METRICS)[number];

export interface NetworkRankingQuery {
  readonly from: string;
  readonly to: string;
  readonly orderBy: RankingMetric;
  /** 'desc' (the default) puts the highest first; 'asc' suits medianResolutionSeconds. */
  readonly direction?: 'asc' | 'desc';
  /** Only the registered locations of this region. */
  readonly region?: string;
}

export interface NetworkRankingRow {
  /** 1 for the best; equal values share a rank (1, 2, 2, 4); null when the metric has no value (they come last). */
  readonly rank: number | null;
  readonly locationId: string;
  readonly name: string | null;
  readonly region: string | null;
  readonly currency: string | null;
  readonly totals: PerformanceMetrics;
}

/**
 * One location's figures over from..to, in total and per day, ISO week or month. Null when the
 * location is unknown: neither registered nor named by any counted event.
 */
export async function locationPerformance(db: Kysely<LocationPerformanceViews>, query: LocationPerformanceQuery): Promise<LocationPerformance | null> {
  const { locationId, from, to, granularity } = query;
  if (!GRANULARITIES.includes(granularity)) throw new RangeError(`granularity must be one of ${GRANULARITIES.join(', ')}, got "${granularity}"`);
  const starts = bucketStarts(from, to, granularity);
  const scope: Scope = { kind: 'buckets', locationId, granularity };

  const [location, sums, other] = await Promise.all([
    db.selectFrom('analytics.location_registry').selectAll().where('location_id', '=', locationId).executeTakeFirst(),
    periodSums(db, scope, from, to),
    otherCurrencies(db, locationId, from, to),
  ]);
  if (location === undefined && !(await hasActivity(db, locationId))) return null;

  return {
    locationId,
    name: location?.name ?? null,
    region: location?.region ?? null,
    currency: location?.currency ?? null,
    timezone: location?.timezone ?? null,
    from,
    to,
    granularity,
    totals: toMetrics(sums.get(null) ?? emptySums()),
    buckets: starts.map((start) => ({ start, ...toMetrics(sums.get(start) ?? emptySums()) })),
    otherCurrencies: other,
  };
}

/**
 * Every location's totals over from..to, best first by `orderBy`: registered locations (idle ones with
 * zeros) and any unregistered location with activity. Revenue compares only within one currency.
 */
export async function networkRanking(db: Kysely<LocationPerformanceViews>, query: NetworkRankingQuery): Promise<NetworkRankingRow[]> {
  const { from, to, orderBy, direction = 'desc', region } = query;
  if (!(RANKING_METRICS as readonly string[]).includes(orderBy)) throw new RangeError(`cannot rank by "${orderBy}"`);
  if (dayToMs(from) > dayToMs(to)) throw new RangeError(`the period ends (${to}) before it starts (${from})`);

  const [registry, sums] = await Promise.all([db.selectFrom('analytics.location_registry').selectAll().execute(), periodSums(db, { kind: 'locations' }, from, to)]);
  const known = new Map<string, LocationRegistryView | undefined>(registry.map((location) => [location.location_id, location]));
  for (const locationId of sums.keys()) if (locationId !== null && !known.has(locationId)) known.set(locationId, undefined);

  const rows = [...known]
    .filter(([, location]) => region === undefined || location?.region === region)
    .map(([locationId, location]) => ({
      locationId,
      name: location?.name ?? null,
      region: location?.region ?? null,
      currency: location?.currency ?? null,
      totals: toMetrics(sums.get(locationId) ?? emptySums()),
    }));
  const sign = direction === 'desc' ? -1 : 1;
  const valueOf = (row: (typeof rows)[number]) => row.totals[orderBy];
  rows.sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (x === null || y === null) return x === y ? compareIds(a.locationId, b.locationId) : x === null ? 1 : -1;
    return x !== y ? sign * (x - y) : compareIds(a.locationId, b.locationId);
  });
  return rows.map((row) => {
    const value = valueOf(row);
    // Sorted, so the first row with this value is where the tie starts.
    return { rank: value === null ? null : rows.findIndex((other) => valueOf(other) === value) + 1, ...row };
  });
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per bucket of one location (and the period's total, under null), or per location. */
type Scope = { kind: 'buckets'; locationId: string; granularity: Granularity } | { kind: 'locations' };

// Parameter-free, so that the same text in SELECT and in GROUP BY is the same expression to PostgreSQL.
// date_trunc on a timestamp (not timestamptz) keeps the session's time zone out of it.
const BUCKET: Record<Granularity, RawBuilder<string>> = {
  day: sql.raw("to_char(day, 'YYYY-MM-DD')"),
  week: sql.raw("to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD')"),
  month: sql.raw("to_char(date_trunc('month', day::timestamp), 'YYYY-MM-DD')"),
};

function grouping(scope: Scope) {
  if (scope.kind === 'locations') return { key: sql`location_id`, where: sql``, groupBy: sql`location_id` };
  const key = BUCKET[scope.granularity];
  return { key, where: sql`AND location_id = ${scope.locationId}`, groupBy: sql`GROUPING SETS ((${key}), ())` };
}

type Numeric = string | number | null;
const num = (value: Numeric) => (value === null ? 0 : Number(value));

/**
 * The sums of a period by group. Counters add up over days; distinct repeat customers and the median
 * resolution time do not, so each is computed over the group's own rows.
 */
async function periodSums(db: Kysely<LocationPerformanceViews>, scope: Scope, from: string, to: string): Promise<Map<string | null, PeriodSums>> {
  const { key, where, groupBy } = grouping(scope);
  const period = sql`day BETWEEN ${from}::date AND ${to}::date ${where}`;
  const [days, repeats, medians] = await Promise.all([
    sql<Record<'key', string | null> & Record<Exclude<keyof PeriodSums, 'repeatCustomers' | 'medianResolutionSeconds'>, Numeric>>`
      SELECT ${key} AS key,
        sum(gross_minor) AS "grossMinor", sum(refunded_minor) AS "refundedMinor", sum(purchases) AS purchases, sum(refunds) AS refunds,
        sum(new_customers) AS "newCustomers", sum(calls) AS calls, sum(emails) AS emails,
        sum(complaints_opened) AS "complaintsOpened", sum(complaints_resolved) AS "complaintsResolved",
        sum(resolved_first_contact) AS "resolvedFirstContact", sum(promoters) AS promoters, sum(passives) AS passives, sum(detractors) AS detractors
      FROM analytics.location_days WHERE ${period}
      GROUP BY ${groupBy}`.execute(db),
    sql<{ key: string | null; repeat_customers: Numeric }>`
      SELECT ${key} AS key, count(DISTINCT customer_id) AS repeat_customers
      FROM analytics.location_customer_days WHERE is_repeat AND ${period}
      GROUP BY ${groupBy}`.execute(db),
    sql<{ key: string | null; median: number | null }>`
      SELECT ${key} AS key, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median
      FROM analytics.location_resolutions WHERE ${period}
      GROUP BY ${groupBy}`.execute(db),
  ]);

  const sums = new Map<string | null, PeriodSums>();
  const sumsOf = (group: string | null) => {
    let entry = sums.get(group);
    if (entry === undefined) sums.set(group, (entry = emptySums()));
    return entry;
  };
  for (const { key: group, ...row } of days.rows) {
    const entry = sumsOf(group);
    for (const [name, value] of Object.entries(row) as [keyof typeof row, Numeric][]) entry[name] = num(value);
  }
  for (const row of repeats.rows) sumsOf(row.key).repeatCustomers = num(row.repeat_customers);
  for (const row of medians.rows) sumsOf(row.key).medianResolutionSeconds = row.median;
  return sums;
}

async function otherCurrencies(db: Kysely<LocationPerformanceViews>, locationId: string, from: string, to: string): Promise<OtherCurrencySales[]> {
  const { rows } = await sql<{ currency: string; purchases: Numeric; refunds: Numeric; net: Numeric }>`
    SELECT currency, sum(purchases) AS purchases, sum(refunds) AS refunds, sum(net_revenue_minor) AS net
    FROM analytics.location_day_sales
    WHERE location_id = ${locationId} AND NOT is_location_currency AND day BETWEEN ${from}::date AND ${to}::date
    GROUP BY currency ORDER BY currency`.execute(db);
  return rows.map((row) => ({ currency: row.currency, purchases: num(row.purchases), refunds: num(row.refunds), netRevenueMinor: num(row.net) }));
}

async function hasActivity(db: Kysely<LocationPerformanceViews>, locationId: string): Promise<boolean> {
  const row = await db.selectFrom('analytics.location_days').select('location_id').where('location_id', '=', locationId).limit(1).executeTakeFirst();
  return row !== undefined;
}
