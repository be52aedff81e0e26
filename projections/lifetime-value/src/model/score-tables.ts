import { sql, type ColumnType, type Kysely, type Transaction } from 'kysely';

// The model's output lives in the analytics schema, outside any build: it is written by a scheduled job,
// not by apply, so a rebuild swap must not drop it. It is a recomputable snapshot: the scores of the
// latest run, and one fit row per run and currency.

type Float = number | null;
type Int8 = ColumnType<string, number, number>;

export interface LifetimeValueScoresTable {
  customer_id: string;
  currency: string;
  as_of: ColumnType<string, string, string>;
  /** Transaction days on or before as_of; x = transactions − 1. */
  transactions: number;
  first_transaction_day: ColumnType<string, string, string>;
  last_transaction_day: ColumnType<string, string, string>;
  recency_days: number;
  /** BG/NBD recency t_x: weeks from the first to the last transaction. */
  t_x_weeks: number;
  /** BG/NBD age T: weeks from the first transaction to as_of. */
  t_weeks: number;
  monetary_minor: Int8;
  /** Mean net spend of the repeat transactions, minor units; 0 when x = 0. */
  zbar_minor: number;
  recency_score: number;
  frequency_score: number;
  monetary_score: number;
  rfm_segment: string;
  horizon_weeks: number;
  expected_transactions: Float;
  probability_alive: Float;
  expected_average_value_minor: ColumnType<string | null, number | null, number | null>;
  predicted_value_minor: ColumnType<string | null, number | null, number | null>;
}

export interface LifetimeValueFitsTable {
  as_of: ColumnType<string, string, string>;
  currency: string;
  time_unit: string;
  horizon_weeks: number;
  annual_discount_rate: number;
  customers: number;
  repeat_customers: number;
  bg_nbd_status: string;
  r: Float;
  alpha: Float;
  a: Float;
  b: Float;
  bg_nbd_log_likelihood: Float;
  gamma_gamma_status: string;
  p: Float;
  q: Float;
  gamma: Float;
  gamma_gamma_log_likelihood: Float;
  frequency_value_correlation: Float;
  message: string | null;
  fitted_at: ColumnType<Date, never, never>;
  /** 'gamma-gamma' or 'fallback-mean'; null in rows of runs from before the fallback. */
  average_value_source: ColumnType<string | null, string, string>;
  /** The fallback's mean spend per transaction, minor units; null unless average_value_source is 'fallback-mean'. */
  fallback_mean_minor: Float;
}

export interface LifetimeValueScoreTables {
  'analytics.lifetime_value_scores': LifetimeValueScoresTable;
  'analytics.lifetime_value_fits': LifetimeValueFitsTable;
}

/** Creates the tables if they are missing. Idempotent; the refresh runs it in its own transaction. */
export async function ensureLifetimeValueScoreTables(db: Kysely<unknown> | Transaction<unknown>): Promise<void> {
  await sql`CREATE SCHEMA IF NOT EXISTS analytics`.execute(db);
  await sql`
    CREATE TABLE IF NOT EXISTS analytics.lifetime_value_scores (
      customer_id text NOT NULL,
      currency text NOT NULL,
      as_of date NOT NULL,
      transactions integer NOT NULL,
      first_transaction_day date NOT NULL,
      last_transaction_day date NOT NULL,
      recency_days integer NOT NULL,
      t_x_weeks double precision NOT NULL,
      t_weeks double precision NOT NULL,
      monetary_minor bigint NOT NULL,
      zbar_minor double precision NOT NULL,
      recency_score smallint NOT NULL,
      frequency_score smallint NOT NULL,
      monetary_score smallint NOT NULL,
      rfm_segment text NOT NULL,
      horizon_weeks integer NOT NULL,
      expected_transactions double precision,
      probability_alive double precision,
      expected_average_value_minor bigint,
      predicted_value_minor bigint,
      PRIMARY KEY (customer_id, currency)
    )`.execute(db);
  // topCustomers by predicted value reads one of these in order and stops after its limit: with or without
  // a currency, with or without a segment. The included columns let the rankings filtered by a location or
  // ranked by net revenue join the scores from the indexes alone. They supersede the first two indexes;
  // dropping those locks the table until the refresh that finds them commits: once.
  await sql`DROP INDEX IF EXISTS analytics.lifetime_value_scores_by_predicted_value`.execute(db);
  await sql`DROP INDEX IF EXISTS analytics.lifetime_value_scores_by_segment`.execute(db);
  await sql`
    CREATE INDEX IF NOT EXISTS lifetime_value_scores_currency_ranking ON analytics.lifetime_value_scores
    (currency, predicted_value_minor DESC NULLS LAST, customer_id) INCLUDE (rfm_segment, probability_alive)`.execute(db);
  await sql`
    CREATE INDEX IF NOT EXISTS lifetime_value_scores_ranking ON analytics.lifetime_value_scores
    (predicted_value_minor DESC NULLS LAST, customer_id, currency) INCLUDE (rfm_segment, probability_alive)`.execute(db);
  await sql`
    CREATE INDEX IF NOT EXISTS lifetime_value_scores_currency_segment_ranking ON analytics.lifetime_value_scores
    (currency, rfm_segment, predicted_value_minor DESC NULLS LAST, customer_id) INCLUDE (probability_alive)`.execute(db);
  await sql`
    CREATE INDEX IF NOT EXISTS lifetime_value_scores_segment_ranking ON analytics.lifetime_value_scores
    (rfm_segment, predicted_value_minor DESC NULLS LAST, customer_id, currency) INCLUDE (probability_alive)`.execute(db);
  await sql`
    COMMENT ON TABLE analytics.lifetime_value_scores IS
    'RFM scores and BG/NBD + Gamma-Gamma predictions per customer and currency, from the latest refreshLifetimeValueModel run (as_of). Times in weeks (t_x_weeks, t_weeks) or days (recency_days); money in minor units. Rewritten by a scheduled job: do not edit.'`.execute(db);
  await sql`
    CREATE TABLE IF NOT EXISTS analytics.lifetime_value_fits (
      as_of date NOT NULL,
      currency text NOT NULL,
      time_unit text NOT NULL,
      horizon_weeks integer NOT NULL,
      annual_discount_rate double precision NOT NULL,
      customers integer NOT NULL,
      repeat_customers integer NOT NULL,
      bg_nbd_status text NOT NULL,
      r double precision,
      alpha double precision,
      a double precision,
      b double precision,
      bg_nbd_log_likelihood double precision,
      gamma_gamma_status text NOT NULL,
      p double precision,
      q double precision,
      gamma double precision,
      gamma_gamma_log_likelihood double precision,
      frequency_value_correlation double precision,
      message text,
      fitted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (as_of, currency)
    )`.execute(db);
  // Added after the table was first released: tables from before get them here (their old rows keep nulls).
  // Looked up first, as ALTER TABLE would lock out the table's readers until the refresh commits.
  const { rows: fallbackColumns } = await sql`
    SELECT 1 FROM pg_attribute WHERE attrelid = 'analytics.lifetime_value_fits'::regclass AND attname = 'fallback_mean_minor' AND NOT attisdropped`.execute(db);
  if (fallbackColumns.length === 0) {
    await sql`
      ALTER TABLE analytics.lifetime_value_fits
        ADD COLUMN IF NOT EXISTS average_value_source text,
        ADD COLUMN IF NOT EXISTS fallback_mean_minor double precision`.execute(db);
  }
  await sql`
    COMMENT ON TABLE analytics.lifetime_value_fits IS
    'One row per refreshLifetimeValueModel run (as_of) and currency: the fitted BG/NBD (r, alpha in weeks, a, b) and Gamma-Gamma (p, q, gamma in minor units) parameters, their status (fitted, not-converged, no-repeat-customers, failed) and log-likelihoods. average_value_source says where the expected average values come from: gamma-gamma, or fallback-mean when that fit is not usable (then every customer gets fallback_mean_minor, the mean spend per repeat transaction, or per first transaction when nobody bought twice; message says which).'`.execute(db);
}

/**
 * The databases (kysely instances) seen to have the score tables. A refresh creates them once and
 * nothing drops them, so a process asks PostgreSQL only until it has seen them: the question was a
 * round trip of its own before every top-customers answer.
 */
const seenScored = new WeakSet<Kysely<unknown>>();

/** True once a refresh has created the score tables; queries read them only then. */
export async function scoreTablesExist(db: Kysely<unknown>): Promise<boolean> {
  if (seenScored.has(db)) return true;
  const { rows } = await sql<{ present: boolean }>`SELECT to_regclass('analytics.lifetime_value_scores') IS NOT NULL AS present`.execute(db);
  const present = rows[0]?.present === true;
  if (present) seenScored.add(db);
  return present;
}
