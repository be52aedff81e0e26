import { sql, type Kysely, type RawBuilder } from 'kysely';
import { scoreTablesExist } from './model/score-tables';
import type { RfmSegment, Score } from './model/rfm';
import type { LifetimeValueViews } from './lifetime-value.tables';

// The lifetime-value read side for the HTTP layer. It reads the analytics views (bound to the live build,
// so it survives rebuild swaps) and the score tables the model refresh writes. JSON-friendly results:
// money in minor units as numbers, times as ISO 8601 UTC strings.

export interface CustomerValue {
  readonly currency: string;
  readonly netRevenueMinor: number;
  readonly orders: number;
  /** Net revenue / orders, rounded; null with no orders (refunds only). */
  readonly averageOrderValueMinor: number | null;
}

export interface CustomerLifetimeValue {
  readonly customerId: string;
  /** One entry per currency the customer bought in, by currency code. */
  readonly values: CustomerValue[];
  readonly firstPurchaseAt: string | null;
  readonly lastPurchaseAt: string | null;
  /** For the customer's main currency (most orders); null before the first model run or without a transaction by its as-of date. */
  readonly rfm: { readonly currency: string; readonly recency: Score; readonly frequency: Score; readonly monetary: Score; readonly segment: RfmSegment } | null;
  /**
   * Null as rfm, and also when the currency's BG/NBD fit failed. Without a usable Gamma-Gamma fit the value
   * fields come from the currency's mean spend per transaction (lifetime_value_fits says which, per run);
   * they are null only for a customer without a repeat purchase when Gamma-Gamma's mean is infinite (q ≤ 1).
   */
  readonly predicted: {
    readonly asOf: string;
    readonly currency: string;
    readonly expectedTransactions52w: number;
    readonly probabilityAlive: number;
    readonly expectedAverageValueMinor: number | null;
    readonly predictedValueMinor: number | null;
  } | null;
}

interface ValueRow {
  currency: string;
  orders: number;
  net_revenue_minor: string;
  average_order_value_minor: string | null;
  first_purchase_at: Date | null;
  last_purchase_at: Date | null;
}

interface ScoreRow {
  currency: string;
  as_of: string;
  recency_score: number;
  frequency_score: number;
  monetary_score: number;
  rfm_segment: string;
  expected_transactions: number | null;
  probability_alive: number | null;
  expected_average_value_minor: string | null;
  predicted_value_minor: string | null;
}

/** A customer's historical value, RFM segment and prediction; undefined when the customer is unknown. */
export async function customerLifetimeValue<DB>(database: Kysely<DB>, customerId: string): Promise<CustomerLifetimeValue | undefined> {
  const db = database as unknown as Kysely<LifetimeValueViews>;
  const [values, registered, scored] = await Promise.all([
    db
      .selectFrom('analytics.lifetime_value_customer_values')
      .select(['currency', 'orders', 'net_revenue_minor', 'average_order_value_minor', 'first_purchase_at', 'last_purchase_at'])
      .where('customer_id', '=', customerId)
      .orderBy('currency')
      .execute(),
    db.selectFrom('analytics.lifetime_value_customers').select('customer_id').where('customer_id', '=', customerId).execute(),
    scoreTablesExist(db as unknown as Kysely<unknown>),
  ]);
  if (values.length === 0 && registered.length === 0) return undefined;

  const main = mainCurrency(values);
  let score: ScoreRow | undefined;
  if (main !== undefined && scored) {
    const { rows } = await sql<ScoreRow>`
      SELECT currency, to_char(as_of, 'YYYY-MM-DD') AS as_of, recency_score, frequency_score, monetary_score, rfm_segment,
        expected_transactions, probability_alive, expected_average_value_minor, predicted_value_minor
      FROM analytics.lifetime_value_scores WHERE customer_id = ${customerId} AND currency = ${main}`.execute(db);
    score = rows[0];
  }
  const firstPurchases = values.flatMap((v) => (v.first_purchase_at === null ? [] : [v.first_purchase_at.getTime()]));
  const lastPurchases = values.flatMap((v) => (v.last_purchase_at === null ? [] : [v.last_purchase_at.getTime()]));
  return {
    customerId,
    values: values.map((v) => ({
      currency: v.currency,
      netRevenueMinor: Number(v.net_revenue_minor),
      orders: v.orders,
      averageOrderValueMinor: numberOrNull(v.average_order_value_minor),
    })),
    firstPurchaseAt: firstPurchases.length === 0 ? null : new Date(Math.min(...firstPurchases)).toISOString(),
    lastPurchaseAt: lastPurchases.length === 0 ? null : new Date(Math.max(...lastPurchases)).toISOString(),
    rfm:
      score === undefined
        ? null
        : {
            currency: score.currency,
            recency: score.recency_score as Score,
            frequency: score.frequency_score as Score,
            monetary: score.monetary_score as Score,
            segment: score.rfm_segment as RfmSegment,
          },
    predicted:
      score === undefined || score.expected_transactions === null || score.probability_alive === null
        ? null
        : {
            asOf: score.as_of,
            currency: score.currency,
            expectedTransactions52w: score.expected_transactions,
            probabilityAlive: score.probability_alive,
            expectedAverageValueMinor: numberOrNull(score.expected_average_value_minor),
            predictedValueMinor: numberOrNull(score.predicted_value_minor),
          },
  };
}

export interface TopCustomersQuery {
  /** Only customers who bought at this location (ranked by their value in the location's currency). */
  readonly locationId?: string;
  /** Only customers in this RFM segment (as of the latest model run). */
  readonly segment?: RfmSegment;
  /** Only values in this currency. Without it (and without a location) currencies are ranked together by amount: pass it. */
  readonly currency?: string;
  /** Default netRevenue. Customers without a prediction come last when ranking by predictedValue. */
  readonly orderBy?: 'netRevenue' | 'predictedValue';
  readonly limit: number;
}

export interface TopCustomer {
  readonly customerId: string;
  readonly currency: string;
  readonly netRevenueMinor: number;
  readonly orders: number;
  readonly averageOrderValueMinor: number | null;
  readonly lastPurchaseAt: string | null;
  readonly segment: RfmSegment | null;
  readonly probabilityAlive: number | null;
  readonly predictedValueMinor: number | null;
}

/**
 * The most valuable customers, one entry per customer and currency, best first (ties by customer id).
 * Each variant reads an index in the order of its ranking and stops after `limit` rows (the indexes are
 * in lifetime-value.migrations.ts and score-tables.ts), rather than sorting a currency's customers.
 */
export async function topCustomers<DB>(database: Kysely<DB>, query: TopCustomersQuery): Promise<TopCustomer[]> {
  if (!Number.isInteger(query.limit) || query.limit < 1) throw new RangeError(`limit must be a positive integer (got ${query.limit})`);
  const db = database as unknown as Kysely<unknown>;
  const scored = await scoreTablesExist(db);
  if (!scored && query.segment !== undefined) return [];
  // Before the first model run there is no score table: join an empty relation of the same shape instead.
  const scores: RawBuilder<unknown> = scored
    ? sql`analytics.lifetime_value_scores`
    : sql`(SELECT NULL::text AS customer_id, NULL::text AS currency, NULL::text AS rfm_segment, NULL::double precision AS probability_alive, NULL::bigint AS predicted_value_minor WHERE false)`;
  const rows =
    query.orderBy === 'predictedValue'
      ? await byPredictedValue(db, query, scores)
      : (await byNetRevenue(query, scores).execute(db)).rows;
  return rows.map((row) => ({
    customerId: row.customer_id,
    currency: row.currency,
    netRevenueMinor: Number(row.net_revenue_minor),
    orders: row.orders,
    averageOrderValueMinor: numberOrNull(row.average_order_value_minor),
    lastPurchaseAt: row.last_purchase_at?.toISOString() ?? null,
    segment: row.rfm_segment as RfmSegment | null,
    probabilityAlive: row.probability_alive,
    predictedValueMinor: numberOrNull(row.predicted_value_minor),
  }));
}

interface TopCustomerRow {
  customer_id: string;
  currency: string;
  net_revenue_minor: string;
  orders: number;
  average_order_value_minor: string | null;
  last_purchase_at: Date | null;
  rfm_segment: string | null;
  probability_alive: number | null;
  predicted_value_minor: string | null;
}

const TOP_CUSTOMER_COLUMNS = sql`v.customer_id, v.currency, v.net_revenue_minor, v.orders, v.average_order_value_minor, v.last_purchase_at,
  s.rfm_segment, s.probability_alive, s.predicted_value_minor`;

/**
 * The query's filters on the customers `row` (an alias with customer_id and currency, `v` or `s`), and on
 * `s`, their scores, for the segment. A location trades in one currency (the decider rejects a purchase in
 * another, and a refund takes its purchase's): naming that currency lets a ranking read its indexes.
 */
function filtersOf(query: TopCustomersQuery, row: 'v' | 's'): RawBuilder<unknown>[] {
  const customer = sql.ref(`${row}.customer_id`);
  const currency = sql.ref(`${row}.currency`);
  const filters: RawBuilder<unknown>[] = [];
  if (query.currency !== undefined) filters.push(sql`${currency} = ${query.currency}`);
  if (query.segment !== undefined) filters.push(sql`s.rfm_segment = ${query.segment}`);
  if (query.locationId !== undefined) {
    // Ordered as the location index is, so that the planner reads it there rather than scanning the table
    // for one row (a new location's rows are all at the end of it).
    filters.push(sql`${currency} = (
      SELECT l.currency FROM analytics.lifetime_value_customer_locations l WHERE l.location_id = ${query.locationId} ORDER BY l.customer_id LIMIT 1)`);
    filters.push(sql`EXISTS (SELECT 1 FROM analytics.lifetime_value_customer_locations l WHERE l.customer_id = ${customer} AND l.location_id = ${query.locationId})`);
  }
  return filters;
}

const and = (filters: readonly RawBuilder<unknown>[]): RawBuilder<unknown> => (filters.length === 0 ? sql`true` : sql.join(filters, sql` AND `));

/**
 * The currency's value rows in ranking order, each one's score looked up. With a location, its currency
 * is ranked and each customer looked up at the location; for a location with few of the currency's
 * customers the planner starts from the location's rows instead.
 */
function byNetRevenue(query: TopCustomersQuery, scores: RawBuilder<unknown>): RawBuilder<TopCustomerRow> {
  if (query.currency === undefined && query.locationId === undefined && query.segment === undefined) return acrossCurrencies(scores, query.limit);
  return sql<TopCustomerRow>`
    SELECT ${TOP_CUSTOMER_COLUMNS}
    FROM analytics.lifetime_value_customer_values v
    LEFT JOIN ${scores} s ON s.customer_id = v.customer_id AND s.currency = v.currency
    WHERE v.orders > 0 AND ${and(filtersOf(query, 'v'))}
    ORDER BY v.net_revenue_minor DESC, v.customer_id, v.currency
    LIMIT ${query.limit}`;
}

/**
 * Every currency ranked together by amount: each currency's head, read from its ranking, then merged.
 * An index of all currencies by amount would serve it directly, but every purchase would have to update
 * it too, for a ranking the API asks callers not to need. The currencies are found by skipping through
 * the ranking index, one lookup each (a loose index scan). (With a segment, the planner joins the
 * segment's scores to all values instead, as it would to one currency's.)
 */
function acrossCurrencies(scores: RawBuilder<unknown>, limit: number): RawBuilder<TopCustomerRow> {
  return sql<TopCustomerRow>`
    WITH RECURSIVE currencies (currency) AS (
      SELECT min(currency) FROM analytics.lifetime_value_customer_values
      UNION ALL
      SELECT (SELECT min(v.currency) FROM analytics.lifetime_value_customer_values v WHERE v.currency > c.currency)
      FROM currencies c WHERE c.currency IS NOT NULL)
    SELECT ranked.*
    FROM currencies c
    CROSS JOIN LATERAL (
      SELECT ${TOP_CUSTOMER_COLUMNS}
      FROM analytics.lifetime_value_customer_values v
      LEFT JOIN ${scores} s ON s.customer_id = v.customer_id AND s.currency = v.currency
      WHERE v.currency = c.currency AND v.orders > 0
      ORDER BY v.net_revenue_minor DESC, v.customer_id
      LIMIT ${limit}) ranked
    ORDER BY ranked.net_revenue_minor DESC, ranked.customer_id, ranked.currency
    LIMIT ${limit}`;
}

/**
 * `predicted_value_minor DESC NULLS LAST, customer_id, currency`: customers with a prediction, read from
 * the score indexes; then, only when they are fewer than `limit`, those without one (no score yet, or no
 * BG/NBD fit), by customer id. Nothing finds the customers without a score but a pass over the currency,
 * so that part runs only when it is needed.
 */
async function byPredictedValue(db: Kysely<unknown>, query: TopCustomersQuery, scores: RawBuilder<unknown>): Promise<TopCustomerRow[]> {
  // The scores are ranked and cut before their value rows are joined: a customer has a score only after a
  // purchase in the currency, so the row exists and has orders (they only ever grow), and the join keeps
  // every ranked score. Joined first, the value rows would be probed for every customer a filter lets through.
  const predicted = sql<TopCustomerRow>`
    SELECT ${TOP_CUSTOMER_COLUMNS}
    FROM (
      SELECT s.customer_id, s.currency, s.rfm_segment, s.probability_alive, s.predicted_value_minor
      FROM ${scores} s
      WHERE s.predicted_value_minor IS NOT NULL AND ${and(filtersOf(query, 's'))}
      ORDER BY s.predicted_value_minor DESC NULLS LAST, s.customer_id, s.currency
      LIMIT ${query.limit}) s
    JOIN analytics.lifetime_value_customer_values v ON v.customer_id = s.customer_id AND v.currency = s.currency
    WHERE v.orders > 0
    ORDER BY s.predicted_value_minor DESC NULLS LAST, s.customer_id, s.currency`;
  const first = (await predicted.execute(db)).rows;
  if (first.length === query.limit) return first;
  // Both parts in one snapshot, so that a model refresh committed in between neither repeats nor drops a customer.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const withPrediction = (await predicted.execute(tx)).rows;
      const { rows: withoutPrediction } = await sql<TopCustomerRow>`
        SELECT ${TOP_CUSTOMER_COLUMNS}
        FROM analytics.lifetime_value_customer_values v
        LEFT JOIN ${scores} s ON s.customer_id = v.customer_id AND s.currency = v.currency
        WHERE s.predicted_value_minor IS NULL AND v.orders > 0 AND ${and(filtersOf(query, 'v'))}
        ORDER BY v.customer_id, v.currency
        LIMIT ${query.limit - withPrediction.length}`.execute(tx);
      return [...withPrediction, ...withoutPrediction];
    });
}

/** Most orders, then most net revenue, then the currency code: the currency the customer's RFM and prediction describe. */
function mainCurrency(values: readonly ValueRow[]): string | undefined {
  const ranked = [...values].sort(
    (a, b) => b.orders - a.orders || Number(b.net_revenue_minor) - Number(a.net_revenue_minor) || (a.currency < b.currency ? -1 : 1),
  );
  return ranked[0]?.currency;
}

const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));
