import { sql, type Kysely, type RawBuilder } from 'kysely';
import { columnar, readTogether, type ColumnsOf, type RowsOf } from '@ledgerline/read-models';
import { mediansByGroup, type GroupedValue } from './medians';
import { emptySums, toBucket, toMetrics, type PerformanceMetrics, type PeriodSums } from './metrics';
import { bucketDayNumbers, bucketStarts, dayToMs, epochDay, GRANULARITIES, splitAtWholeMonths, splitBuckets, type Granularity, type PartialBucket } from './periods';
import { monthOf, periodLinkPlan, type PeriodLinkPlan } from './repeat-links';
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
  /** Only the locations registered with this currency (ISO 4217). */
  readonly currency?: string;
}

/** Amounts in a location's currency: they rank only against locations of the same currency. */
export const MONEY_METRICS: readonly RankingMetric[] = ['netRevenueMinor', 'grossRevenueMinor', 'refundedMinor', 'averageTicketMinor'];

export interface NetworkRankingRow {
  /**
   * 1 for the best; equal values share a rank (1, 2, 2, 4); null when the metric has no value (they come
   * last). For a money metric the rank is among the locations of the same currency.
   */
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
  const keys = bucketDayNumbers(starts, granularity);
  const { whole, partial } = splitBuckets(starts, from, to, granularity);

  const { location, active, other, wholeMedians, partialSeconds, totalMedian, ...period } = await readTogether(db, {
    location: sql<Pick<LocationRegistryView, 'name' | 'region' | 'currency' | 'timezone'>>`
      SELECT name, region, currency, timezone FROM analytics.location_registry WHERE location_id = ${locationId}`,
    active: sql<{ active: number }>`SELECT 1 AS active FROM analytics.location_days WHERE location_id = ${locationId} LIMIT 1`,
    other: otherCurrenciesQuery(locationId, from, to),
    wholeMedians: columnar(wholeBucketMedians(locationId, granularity, whole), ['key', 'median']),
    partialSeconds: columnar(partialBucketSeconds(locationId, partial), ['key', 'seconds']),
    totalMedian: periodMedian(locationId, from, to),
    ...periodQueries(scope, from, to, starts),
  });
  if (location.length === 0 && active.length === 0) return null;
  const partialMedians = mediansByGroup(partialSeconds.key, partialSeconds.seconds);
  const edgesAndTotal = { key: [...partialMedians.keys(), null], median: [...partialMedians.values(), totalMedian[0]?.median ?? null] };
  const sums = periodSums(period, [wholeMedians, edgesAndTotal], { total: true });

  const registered = location[0];
  return {
    locationId,
    name: registered?.name ?? null,
    region: registered?.region ?? null,
    currency: registered?.currency ?? null,
    timezone: registered?.timezone ?? null,
    from,
    to,
    granularity,
    totals: toMetrics(sums.get(null) ?? emptySums()),
    buckets: starts.map((start, i) => toBucket(start, sums.get(keys[i]!) ?? emptySums())),
    otherCurrencies: other
      .map((row) => ({ currency: row.currency, purchases: num(row.purchases), refunds: num(row.refunds), netRevenueMinor: num(row.net) }))
      .sort((a, b) => compareIds(a.currency, b.currency)),
  };
}

/**
 * Every location's totals over from..to, best first by `orderBy`: registered locations (idle ones with
 * zeros) and any unregistered location with activity. Money ranks only within one currency.
 */
export async function networkRanking(db: Kysely<LocationPerformanceViews>, query: NetworkRankingQuery): Promise<NetworkRankingRow[]> {
  const { from, to, orderBy, direction = 'desc', region } = query;
  if (!(RANKING_METRICS as readonly string[]).includes(orderBy)) throw new RangeError(`cannot rank by "${orderBy}"`);
  if (dayToMs(from) > dayToMs(to)) throw new RangeError(`the period ends (${to}) before it starts (${from})`);

  const { registry, medians, ...period } = await readTogether(db, {
    registry: sql<Pick<LocationRegistryView, 'location_id' | 'name' | 'region' | 'currency'>>`SELECT location_id, name, region, currency FROM analytics.location_registry`,
    medians: columnar(locationMedians(from, to), ['key', 'median']),
    ...periodQueries({ kind: 'locations' }, from, to, []),
  });
  const sums = periodSums(period, [medians], { total: false });
  const known = new Map<string, (typeof registry)[number] | undefined>(registry.map((location) => [location.location_id, location]));
  // The ranking's groups are locations: its keys are their ids.
  for (const locationId of sums.keys()) if (typeof locationId === 'string' && !known.has(locationId)) known.set(locationId, undefined);

  const rows = [...known]
    .filter(([, location]) => (region === undefined || location?.region === region) && (query.currency === undefined || location?.currency === query.currency))
    .map(([locationId, location]) => ({
      locationId,
      name: location?.name ?? null,
      region: location?.region ?? null,
      currency: location?.currency ?? null,
      totals: toMetrics(sums.get(locationId) ?? emptySums()),
    }));
  return rankRows(rows, orderBy, direction);
}

/**
 * Sorts best first and ranks. A money metric ranks within each currency: the rows come by currency
 * (alphabetically), best first within it, and a location without a currency has no rank.
 */
function rankRows<Row extends { locationId: string; currency: string | null; totals: PerformanceMetrics }>(rows: Row[], orderBy: RankingMetric, direction: 'asc' | 'desc') {
  const money = MONEY_METRICS.includes(orderBy);
  const groupOf = (row: Row) => (money ? row.currency : '');
  const valueOf = (row: Row) => (groupOf(row) === null ? null : row.totals[orderBy]);
  const sign = direction === 'desc' ? -1 : 1;
  const compareValues = (x: number | null, y: number | null) => (x === null || y === null ? (x === y ? 0 : x === null ? 1 : -1) : sign * (x - y));
  rows.sort((a, b) => {
    const [g, h] = [groupOf(a), groupOf(b)];
    if (g !== h) return g === null ? 1 : h === null ? -1 : compareIds(g, h);
    return compareValues(valueOf(a), valueOf(b)) || compareIds(a.locationId, b.locationId);
  });
  return rows.map((row) => {
    const value = valueOf(row);
    // Sorted, so the first row of the group, and the first with this value in it, are where they start.
    const groupStart = rows.findIndex((other) => groupOf(other) === groupOf(row));
    const tieStart = rows.findIndex((other) => groupOf(other) === groupOf(row) && valueOf(other) === value);
    return { rank: value === null ? null : tieStart - groupStart + 1, ...row };
  });
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per bucket of one location (and the period's total, under null), or per location. */
type Scope = { kind: 'buckets'; locationId: string; granularity: Granularity } | { kind: 'locations' };

// Parameter-free, so that the same text in SELECT and in GROUP BY is the same expression to PostgreSQL.
// A bucket's group is its first day as a day number (epochDay: days since 1970-01-01), not as a date:
// readTogether's JSON would write a date as "YYYY-MM-DD", and JSON.parse interns every string value of
// up to 10 characters, looking each up in V8's string table. In a perf profile of the API answering
// a year by day, that lookup alone was 6.6% of its CPU. (to_char on each day cost PostgreSQL 0.05 to
// 0.1 ms a request; date minus date is integer arithmetic.) The day is cast to a timestamp without
// time zone for date_trunc, so the session's time zone stays out of it (left to itself, PostgreSQL
// would pick the timestamptz form of date_trunc for a date).
const dayNumberOf = (date: string) => sql.raw<number>(`(${date} - DATE '1970-01-01')`);
const BUCKET: Record<Granularity, RawBuilder<number>> = {
  day: dayNumberOf('day'),
  week: dayNumberOf("date_trunc('week', day::timestamp)::date"),
  month: dayNumberOf("date_trunc('month', day::timestamp)::date"),
};

/** What rows are grouped by: a location, or a bucket's first day (its day number). */
const groupKey = (scope: Scope) => (scope.kind === 'locations' ? sql`location_id` : BUCKET[scope.granularity]);

/**
 * The day or month rows of a scope from `first` to `last`: every location's, or one location's. One
 * location's are bounded by a row comparison on (location_id, day or month), which only the primary key
 * can serve. The API prepares its statements, and the generic plan of `day BETWEEN … AND location_id = …`
 * cannot see that the period holds every location's rows: it read them through the (day, location_id) index and
 * skipped the other locations' (350 pages for a year by day, against 132 from the primary key).
 */
function rowsInPeriod(scope: Scope, column: 'day' | 'month', first: string, last: string) {
  const period = sql.ref(column);
  if (scope.kind === 'locations') return sql`${period} BETWEEN ${first}::date AND ${last}::date`;
  const location = scope.locationId;
  return sql`location_id = ${location} AND (location_id, ${period}) BETWEEN (${location}, ${first}::date) AND (${location}, ${last}::date)`;
}

type Numeric = string | number | null;
const num = (value: Numeric | undefined) => (value === null || value === undefined ? 0 : Number(value));

/** A location id, a bucket's first day as a day number (epochDay), or null for a location's whole period. */
type Key = string | number | null;
/** Each group's median (`median[i]` is group `key[i]`'s), as columns. */
type MedianColumns = ColumnsOf<{ key: Key; median: number | null }>;
type CounterRow = Record<'key', Key> & Record<Exclude<keyof PeriodSums, 'medianResolutionSeconds'>, Numeric>;

/**
 * The queries of a period's counters by group, to run together: counters add up over days; distinct
 * repeat customers do not, and are the repeat days less the links inside each group's period
 * (repeat-links.ts). Medians do not add up either: see periodMedian, wholeBucketMedians, partialBucketSeconds and locationMedians.
 */
function periodQueries(scope: Scope, from: string, to: string, starts: readonly string[]) {
  return {
    counters: columnar(counterSums(scope, from, to), ['key', ...COUNTER_NAMES]),
    links: linksInside(scope, from, to, starts),
  };
}

/**
 * One location's median resolution time over from..to. How many resolutions the period holds is the
 * sum of its resolution counters (a resolution row and +1 to complaints_resolved are written together).
 * When that is at least half of the location's, the one or two in the middle are read from the
 * (location, seconds) index in seconds order, skipping those outside the period, and interpolated
 * (middleOf); otherwise the period's are read from the (location, day) index and sorted by
 * percentile_cont. The API prepares its statements, and a generic plan cannot see how much of the
 * location a period holds: it always took the day index, and sorted a year of the busiest location
 * (6,545 resolutions) at 1.4 ms a run. Read in order, all of them through percentile_cont, this
 * statement still took 0.75 ms; read only up to the middle, 0.44 ms. So the choice is made at run
 * time, and PostgreSQL runs only the subquery of the branch taken.
 */
function periodMedian(locationId: string, from: string, to: string) {
  const scope: Scope = { kind: 'buckets', locationId, granularity: 'month' };
  const resolved = (rows: RawBuilder<unknown>) => sql`(SELECT coalesce(sum(complaints_resolved), 0) FROM (${rows}) AS counted)`;
  const inPeriod = resolved(counterRows(scope, from, to, sql`complaints_resolved`));
  const inAll = resolved(sql`SELECT complaints_resolved FROM analytics.location_months WHERE location_id = ${locationId}`);
  return sql<{ median: number | null }>`
    SELECT CASE WHEN 2 * counted.n >= counted.total
      THEN (${middleOf(inSecondsOrder(sql`${locationId}`, from, to), sql`counted.n`)})
      ELSE (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FROM analytics.location_resolutions
        WHERE location_id = ${locationId} AND day BETWEEN ${from}::date AND ${to}::date)
    END AS median
    FROM (SELECT ${inPeriod} AS n, ${inAll} AS total) AS counted`;
}

/**
 * The median of `n` values that `inOrder` (a SELECT of `seconds` ending in ORDER BY seconds) yields in
 * ascending order, as percentile_cont(0.5) gives it (lo + 0.5 * (hi - lo)): only the one or two in the
 * middle are read past. Null when n is 0.
 */
function middleOf(inOrder: RawBuilder<unknown>, n: RawBuilder<unknown>) {
  return sql`
    SELECT min(seconds) + 0.5 * (max(seconds) - min(seconds)) AS median
    FROM (${inOrder} OFFSET (${n} - 1) / 2 LIMIT 2 - ${n} % 2) AS middle_rows`;
}

/**
 * The resolutions of `location` (a value or a column) over from..to, in seconds order, from the
 * (location, seconds) index, for middleOf. The period is tested as `(…) IS TRUE` so that it cannot
 * bound a scan of the (location, day) index: the API prepares its statements, and a generic plan, which
 * cannot see how wide the period is, took that index and sorted a year of resolutions per location (for
 * the ranking, 7 ms instead of 1.7 ms).
 */
function inSecondsOrder(location: RawBuilder<unknown>, from: string, to: string) {
  return sql`
    SELECT seconds FROM analytics.location_resolutions r
    WHERE r.location_id = ${location} AND (r.day BETWEEN ${from}::date AND ${to}::date) IS TRUE
    ORDER BY seconds`;
}

/**
 * The medians of one location's whole buckets (days, weeks or months wholly inside the period), kept
 * by the projection as resolutions came, each under its first day's number; a bucket without
 * resolutions has no row.
 */
function wholeBucketMedians(locationId: string, granularity: Granularity, whole: readonly string[]) {
  if (whole.length === 0) return sql<{ key: number; median: number }>`SELECT NULL::int AS key, NULL::float8 AS median WHERE false`;
  return sql<{ key: number; median: number }>`
    SELECT ${dayNumberOf('start')} AS key, median_seconds AS median FROM analytics.location_resolution_medians
    WHERE location_id = ${locationId} AND granularity = ${granularity} AND start BETWEEN ${whole[0]!}::date AND ${whole.at(-1)!}::date`;
}

/**
 * The resolution times of the days inside the period of its partial buckets (at most two, at its
 * edges), each under its bucket's first day's number, for mediansByGroup.
 */
function partialBucketSeconds(locationId: string, partial: readonly PartialBucket[]) {
  if (partial.length === 0) return sql<GroupedValue<number>>`SELECT NULL::int AS key, NULL::float8 AS seconds WHERE false`;
  const parts = partial.map(
    (bucket) => sql`SELECT ${epochDay(bucket.start)}::int AS key, seconds FROM analytics.location_resolutions WHERE location_id = ${locationId} AND day BETWEEN ${bucket.from}::date AND ${bucket.to}::date`,
  );
  return sql<GroupedValue<number>>`${sql.join(parts, sql` UNION ALL `)}`;
}

/**
 * Each location's median resolution time over from..to, equal to percentile_cont(0.5) without reading
 * and sorting every resolution of the period (the ranking's were about 22,000 a year). How many there
 * are is the counter of resolved complaints (a resolution row and +1 to that counter are written
 * together, for each resolution); the one or two in the middle are read from the index in seconds order
 * (middleOf, inSecondsOrder).
 */
function locationMedians(from: string, to: string) {
  const scope: Scope = { kind: 'locations' };
  return sql<{ key: Key; median: number | null }>`
    SELECT counted.key, middle.median
    FROM (
      SELECT key, sum(complaints_resolved) AS n FROM (${counterRows(scope, from, to, sql`complaints_resolved`)}) AS period_rows GROUP BY key
    ) AS counted
    CROSS JOIN LATERAL (${middleOf(inSecondsOrder(sql`counted.key`, from, to), sql`counted.n`)}) AS middle
    WHERE counted.n > 0`;
}

/**
 * The sums of a period by group, from the counter columns and link rows of periodQueries and the
 * medians' columns; with `total`, also the whole period's, under null (its counters are the groups'
 * added up, which is why the query leaves them out; its median comes under the key null in `medians`).
 */
function periodSums({ counters, links }: RowsOf<ReturnType<typeof periodQueries>>, medians: readonly MedianColumns[], { total }: { total: boolean }): Map<Key, PeriodSums> {
  const sums = new Map<Key, PeriodSums>();
  const sumsOf = (group: Key) => {
    let entry = sums.get(group);
    if (entry === undefined) sums.set(group, (entry = emptySums()));
    return entry;
  };
  const totals = total ? sumsOf(null) : undefined;
  for (let row = 0; row < counters.key.length; row++) {
    const entry = sumsOf(counters.key[row]!);
    addCounters(entry, counters, row);
    if (totals !== undefined) addCounters(totals, counters, row);
  }
  for (const row of links) sumsOf(row.key).repeatCustomers -= num(row.links);
  for (const { key, median } of medians) for (let i = 0; i < key.length; i++) sumsOf(key[i]!).medianResolutionSeconds = median[i]!;
  return sums;
}

/** Adds row `row` of the counter columns to `sums`, field by field (a loop over the names costs more than the rest of the answer). */
function addCounters(sums: PeriodSums, counters: ColumnsOf<CounterRow>, row: number) {
  sums.grossMinor += num(counters.grossMinor[row]);
  sums.refundedMinor += num(counters.refundedMinor[row]);
  sums.purchases += num(counters.purchases[row]);
  sums.refunds += num(counters.refunds[row]);
  sums.newCustomers += num(counters.newCustomers[row]);
  sums.repeatCustomers += num(counters.repeatCustomers[row]);
  sums.calls += num(counters.calls[row]);
  sums.emails += num(counters.emails[row]);
  sums.complaintsOpened += num(counters.complaintsOpened[row]);
  sums.complaintsResolved += num(counters.complaintsResolved[row]);
  sums.resolvedFirstContact += num(counters.resolvedFirstContact[row]);
  sums.promoters += num(counters.promoters[row]);
  sums.passives += num(counters.passives[row]);
  sums.detractors += num(counters.detractors[row]);
}

/** Each additive counter of PeriodSums and its column in the day and month tables. */
const COUNTER_COLUMNS = {
  grossMinor: 'gross_minor',
  refundedMinor: 'refunded_minor',
  purchases: 'purchases',
  refunds: 'refunds',
  newCustomers: 'new_customers',
  repeatCustomers: 'repeat_customers',
  calls: 'calls',
  emails: 'emails',
  complaintsOpened: 'complaints_opened',
  complaintsResolved: 'complaints_resolved',
  resolvedFirstContact: 'resolved_first_contact',
  promoters: 'promoters',
  passives: 'passives',
  detractors: 'detractors',
} as const satisfies Record<Exclude<keyof PeriodSums, 'medianResolutionSeconds'>, string>;
const COUNTER_NAMES = Object.keys(COUNTER_COLUMNS) as (keyof typeof COUNTER_COLUMNS)[];
const COUNTERS = sql.raw(Object.values(COUNTER_COLUMNS).join(', '));

/**
 * The additive counters of a period by group (the period's total is their sum). Whole months come from
 * the month rows and only the partial months at the period's edges from the day rows, so the ranking
 * reads about a row per location and month; days and weeks of one location read its days.
 */
function counterSums(scope: Scope, from: string, to: string) {
  // By day, a location has one row a day: its counters are the day's, with nothing to add up.
  const oneRowEach = scope.kind === 'buckets' && scope.granularity === 'day';
  const columns = COUNTER_NAMES.map((name) => {
    const column = sql.ref(COUNTER_COLUMNS[name]);
    return sql`${oneRowEach ? column : sql`sum(${column})`} AS ${sql.ref(name)}`;
  });
  return sql<CounterRow>`
    SELECT key, ${sql.join(columns)}
    FROM (${counterRows(scope, from, to, COUNTERS)}) AS period_rows
    ${oneRowEach ? sql`` : sql`GROUP BY key`}`;
}

/**
 * The rows of `columns` (counter columns) over from..to, each with its group's `key`: the day rows, or
 * the month rows and the day rows of the edge months.
 */
function counterRows(scope: Scope, from: string, to: string, columns: RawBuilder<unknown>) {
  const key = groupKey(scope);
  if (scope.kind === 'buckets' && scope.granularity !== 'month') {
    return sql`SELECT ${key} AS key, ${columns} FROM analytics.location_days WHERE ${rowsInPeriod(scope, 'day', from, to)}`;
  }
  const { months, head, tail } = splitAtWholeMonths(from, to);
  const monthKey = scope.kind === 'locations' ? sql`location_id` : dayNumberOf('month');
  return sql.join(
    [
      ...(months ? [sql`SELECT ${monthKey} AS key, ${columns} FROM analytics.location_months WHERE ${rowsInPeriod(scope, 'month', months.first, months.last)}`] : []),
      ...[head, tail].filter((range) => range !== null).map((range) => sql`SELECT ${key} AS key, ${columns} FROM analytics.location_days WHERE ${rowsInPeriod(scope, 'day', range.from, range.to)}`),
    ],
    sql` UNION ALL `,
  );
}

/**
 * The links between repeat days with both days inside each group's period, by group: per location for
 * the ranking; per bucket (null: the whole period) for one location. A whole week or month reads its
 * own count; the period and any partial bucket at its edges are counted by periodLinkPlan.
 */
function linksInside(scope: Scope, from: string, to: string, starts: readonly string[]): RawBuilder<{ key: Key; links: Numeric }> {
  if (scope.kind === 'locations') {
    return sql`
      SELECT l.location_id AS key, ${linksInsideSql(sql.ref('l.location_id'), periodLinkPlan(from, to))} AS links
      FROM (SELECT DISTINCT location_id FROM analytics.location_months WHERE month BETWEEN ${monthOf(from)}::date AND ${monthOf(to)}::date) AS l`;
  }
  const location = sql`${scope.locationId}::text`;
  const parts = [sql`SELECT NULL::int AS key, ${linksInsideSql(location, periodLinkPlan(from, to))} AS links`];
  if (scope.granularity !== 'day') {
    const { whole, partial } = splitBuckets(starts, from, to, scope.granularity);
    for (const bucket of partial) parts.push(sql`SELECT ${epochDay(bucket.start)}::int, ${linksInsideSql(location, periodLinkPlan(bucket.from, bucket.to))}`);
    if (whole.length > 0) parts.push(wholeBucketLinks(scope.locationId, scope.granularity, whole[0]!, whole.at(-1)!));
  }
  return sql`${sql.join(parts, sql` UNION ALL `)}`;
}

function wholeBucketLinks(locationId: string, granularity: 'week' | 'month', first: string, last: string) {
  return granularity === 'week'
    ? sql`
        SELECT ${dayNumberOf('week')}, links FROM analytics.location_repeat_link_weeks
        WHERE location_id = ${locationId} AND week BETWEEN ${first}::date AND ${last}::date`
    : sql`
        SELECT ${dayNumberOf('month')}, links FROM analytics.location_repeat_link_months
        WHERE location_id = ${locationId} AND month BETWEEN ${first}::date AND ${last}::date AND prev_month = month`;
}

/** The links inside one period of the location `location` (a value or a column), as a scalar expression. */
function linksInsideSql(location: RawBuilder<unknown>, { months, head, tail }: PeriodLinkPlan): RawBuilder<Numeric> {
  const parts: RawBuilder<unknown>[] = [];
  if (months) {
    parts.push(sql`(SELECT coalesce(sum(links), 0) FROM analytics.location_repeat_link_months
      WHERE location_id = ${location} AND month BETWEEN ${months.firstMonth}::date AND ${months.lastMonth}::date AND prev_month >= ${months.firstMonth}::date)`);
  }
  if (head) {
    parts.push(sql`(SELECT count(*) FROM analytics.location_repeat_links
      WHERE location_id = ${location} AND prev_day BETWEEN ${head.prevDayFrom}::date AND ${head.prevDayTo}::date AND day <= ${head.dayTo}::date)`);
  }
  if (tail) {
    parts.push(sql`(SELECT count(*) FROM analytics.location_repeat_links
      WHERE location_id = ${location} AND day BETWEEN ${tail.dayFrom}::date AND ${tail.dayTo}::date AND prev_day >= ${tail.prevDayFrom}::date)`);
  }
  return sql<Numeric>`(${sql.join(parts, sql` + `)})`;
}

/**
 * The location's sales in any currency but its registered one (every currency while it is not
 * registered). The view's rows of the registered currency come from the day rows and carry a constant
 * is_location_currency = true, so PostgreSQL drops that branch when planning and reads only the
 * other-currency rows, which are usually none.
 */
function otherCurrenciesQuery(locationId: string, from: string, to: string) {
  return sql<{ currency: string; purchases: Numeric; refunds: Numeric; net: Numeric }>`
    SELECT currency, sum(purchases) AS purchases, sum(refunds) AS refunds, sum(net_revenue_minor) AS net
    FROM analytics.location_day_sales
    WHERE location_id = ${locationId} AND day BETWEEN ${from}::date AND ${to}::date AND NOT is_location_currency
    GROUP BY currency`;
}
