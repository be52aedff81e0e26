import { sql, type Kysely } from 'kysely';
import { utcDayOf } from '@ledgerline/domain';
import { scoreLifetimeValues, type CurrencyFit, type CustomerScore, type FitStatus, type TransactionHistory } from './lifetime-value-scores';
import { ensureLifetimeValueScoreTables, type LifetimeValueScoreTables } from './score-tables';

const DAY_MS = 86_400_000;
/** The prediction horizon the queries promise (expectedTransactions52w). */
const HORIZON_WEEKS = 52;
// pg caps a statement at 65,535 parameters; a score row has 20 columns.
const ROWS_PER_STATEMENT = 3000;

export interface RefreshOptions {
  /** End of the observation period (inclusive, UTC day): a Date, or 'YYYY-MM-DD'. Purchases after it are ignored. */
  readonly asOf: Date | string;
  /** Default 0 (undiscounted). */
  readonly annualDiscountRate?: number;
  readonly maxIterations?: number;
}

export interface RefreshResult {
  /** 'YYYY-MM-DD'. */
  readonly asOf: string;
  readonly customers: number;
  readonly fits: readonly { currency: string; customers: number; repeatCustomers: number; bgNbd: FitStatus; gammaGamma: FitStatus }[];
}

/**
 * Recomputes RFM scores and lifetime-value predictions for every customer with a transaction on or
 * before `asOf`, and replaces analytics.lifetime_value_scores with them in one transaction (readers see
 * the previous run or this one, never a mix), then vacuums and analyzes it; appends the fits to analytics.lifetime_value_fits. Reads
 * the purchase days through the analytics view, so it follows rebuild swaps. Meant for a scheduled job:
 * it reads the clock only for `fitted_at`. Pass a Kysely, not a transaction: it opens its own.
 */
export async function refreshLifetimeValueModel<DB>(database: Kysely<DB>, options: RefreshOptions): Promise<RefreshResult> {
  const db = database as unknown as Kysely<LifetimeValueScoreTables>;
  const asOfDay = utcDayNumber(options.asOf);
  const asOf = dayString(asOfDay);
  const histories = await readHistories(db, asOf);
  const { fits, scores } = scoreLifetimeValues(histories, {
    asOfDay,
    horizonWeeks: HORIZON_WEEKS,
    ...(options.annualDiscountRate !== undefined && { annualDiscountRate: options.annualDiscountRate }),
    ...(options.maxIterations !== undefined && { maxIterations: options.maxIterations }),
  });
  const horizonWeeks = HORIZON_WEEKS;
  const annualDiscountRate = options.annualDiscountRate ?? 0;

  await db.transaction().execute(async (tx) => {
    // One refresh at a time: two would interleave their deletes and inserts.
    await sql`SELECT pg_advisory_xact_lock(hashtext('ledgerline.lifetime_value_model'))`.execute(tx);
    await ensureLifetimeValueScoreTables(tx as unknown as Kysely<unknown>);
    await tx.deleteFrom('analytics.lifetime_value_scores').execute();
    for (let i = 0; i < scores.length; i += ROWS_PER_STATEMENT) {
      await tx
        .insertInto('analytics.lifetime_value_scores')
        .values(scores.slice(i, i + ROWS_PER_STATEMENT).map((score) => scoreRow(score, asOf, horizonWeeks)))
        .execute();
    }
    await tx.deleteFrom('analytics.lifetime_value_fits').where('as_of', '=', asOf).execute();
    if (fits.length > 0) {
      await tx
        .insertInto('analytics.lifetime_value_fits')
        .values(fits.map((fit) => fitRow(fit, asOf, horizonWeeks, annualDiscountRate)))
        .execute();
    }
  });
  // Every row was replaced: reclaim the old ones, mark the pages all-visible (the rankings read the
  // indexes alone) and give the planner the new distribution. Outside the transaction, as VACUUM must be.
  await sql`VACUUM (ANALYZE) analytics.lifetime_value_scores`.execute(db);
  return {
    asOf,
    customers: scores.length,
    fits: fits.map((fit) => ({
      currency: fit.currency,
      customers: fit.customers,
      repeatCustomers: fit.repeatCustomers,
      bgNbd: fit.bgNbd.status,
      gammaGamma: fit.gammaGamma.status,
    })),
  };
}

/** Per customer and currency: transaction days (net spend > 0) up to as-of, aggregated in the database. */
async function readHistories(db: Kysely<LifetimeValueScoreTables>, asOf: string): Promise<TransactionHistory[]> {
  const { rows } = await sql<{
    customer_id: string;
    currency: string;
    transactions: number;
    first_day: number;
    last_day: number;
    total_minor: string;
    first_day_minor: string;
  }>`
    SELECT customer_id, currency,
      count(*)::integer AS transactions,
      min(day) - DATE '1970-01-01' AS first_day,
      max(day) - DATE '1970-01-01' AS last_day,
      sum(net_minor)::bigint AS total_minor,
      (array_agg(net_minor ORDER BY day))[1] AS first_day_minor
    FROM analytics.lifetime_value_purchase_days
    WHERE day <= ${asOf}::date AND net_minor > 0
    GROUP BY customer_id, currency`.execute(db);
  return rows.map((row) => ({
    customerId: row.customer_id,
    currency: row.currency,
    transactions: row.transactions,
    firstDay: row.first_day,
    lastDay: row.last_day,
    totalMinor: Number(row.total_minor),
    firstDayMinor: Number(row.first_day_minor),
  }));
}

const scoreRow = (score: CustomerScore, asOf: string, horizonWeeks: number) => ({
  customer_id: score.customerId,
  currency: score.currency,
  as_of: asOf,
  transactions: score.transactions,
  first_transaction_day: dayString(score.firstDay),
  last_transaction_day: dayString(score.lastDay),
  recency_days: score.recencyDays,
  t_x_weeks: score.summary.t_x,
  t_weeks: score.summary.T,
  monetary_minor: score.monetaryMinor,
  zbar_minor: score.summary.zbar,
  recency_score: score.rfm.recency,
  frequency_score: score.rfm.frequency,
  monetary_score: score.rfm.monetary,
  rfm_segment: score.rfm.segment,
  horizon_weeks: horizonWeeks,
  expected_transactions: finiteOrNull(score.expectedTransactions),
  probability_alive: finiteOrNull(score.probabilityAlive),
  expected_average_value_minor: roundedOrNull(score.expectedAverageValueMinor),
  predicted_value_minor: roundedOrNull(score.predictedValueMinor),
});

const fitRow = (fit: CurrencyFit, asOf: string, horizonWeeks: number, annualDiscountRate: number) => ({
  as_of: asOf,
  currency: fit.currency,
  time_unit: 'weeks',
  horizon_weeks: horizonWeeks,
  annual_discount_rate: annualDiscountRate,
  customers: fit.customers,
  repeat_customers: fit.repeatCustomers,
  bg_nbd_status: fit.bgNbd.status,
  r: fit.bgNbd.params?.r ?? null,
  alpha: fit.bgNbd.params?.alpha ?? null,
  a: fit.bgNbd.params?.a ?? null,
  b: fit.bgNbd.params?.b ?? null,
  bg_nbd_log_likelihood: finiteOrNull(fit.bgNbd.logLikelihood),
  gamma_gamma_status: fit.gammaGamma.status,
  p: fit.gammaGamma.params?.p ?? null,
  q: fit.gammaGamma.params?.q ?? null,
  gamma: fit.gammaGamma.params?.gamma ?? null,
  gamma_gamma_log_likelihood: finiteOrNull(fit.gammaGamma.logLikelihood),
  frequency_value_correlation: fit.frequencyValueCorrelation,
  average_value_source: fit.averageValueSource,
  fallback_mean_minor: fit.fallbackMean?.value ?? null,
  message:
    [
      fit.bgNbd.message && `BG/NBD: ${fit.bgNbd.message}`,
      fit.gammaGamma.message && `Gamma-Gamma: ${fit.gammaGamma.message}`,
      fit.fallbackMean && `expected average values: the mean of ${fit.fallbackMean.transactions} ${fit.fallbackMean.basis === 'repeat-transactions' ? 'repeat' : 'first'} transactions (fallback-mean)`,
    ]
      .filter(Boolean)
      .join('; ') || null,
});

const finiteOrNull = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);
const roundedOrNull = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? Math.round(value) : null);

export function utcDayNumber(date: Date | string): number {
  const time = typeof date === 'string' ? Date.parse(date) : date.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`not a valid as-of date: ${String(date)}`);
  return Math.floor(time / DAY_MS);
}

const dayString = (day: number): string => utcDayOf(day * DAY_MS);
