import { sql, type RawBuilder } from 'kysely';
import { textArray } from '@ledgerline/read-models';
import type { CurrencyChange } from './currency-changes';

// When a registration gives a location its currency, the sales earlier batches kept aside in that
// currency (location_day_other_sales) move onto its day and month rows; were it to replace another
// currency, the day and month rows' sales would first move aside under the old one. Each move is three
// writes for writeTogether: they read the rows as they were before any of them, and each writes a
// table of its own. Every day with sales has its day row and every day row its month row (plan-batch.ts),
// so a move only updates rows.

const SALES_COLUMNS = ['purchases', 'gross_minor', 'refunds', 'refunded_minor'];
const SALES_ZERO = sql.raw(SALES_COLUMNS.map((column) => `${column} = 0`).join(', '));
const HAS_SALES = sql.raw(`(${SALES_COLUMNS.map((column) => `${column} <> 0`).join(' OR ')})`);
/** The SET list that adds the sales of `delta` to those of the row `row` (both aliases). */
const addSales = (row: string, delta: string) => sql.raw(SALES_COLUMNS.map((column) => `${column} = ${row}.${column} + ${delta}.${column}`).join(', '));

/** The (location, currency) pairs of `changes` as a relation, `alias(location_id, currency)`. */
function pairs<Change extends CurrencyChange>(changes: readonly Change[], currency: (change: Change) => string, alias: string) {
  return sql`unnest(${textArray(changes.map((c) => c.locationId))}::text[], ${textArray(changes.map(currency))}::text[]) AS ${sql.raw(alias)}(location_id, currency)`;
}

/** Moves aside the day and month rows' sales of the locations whose stored currency a registration replaces. Run before the batch's other writes. */
export function releaseOwnSalesWrites(changes: readonly CurrencyChange[]): RawBuilder<unknown>[] {
  const replaced = changes.filter((change): change is CurrencyChange & { from: string } => change.from !== null);
  if (replaced.length === 0) return [];
  const ids = textArray(replaced.map((c) => c.locationId));
  return [
    sql`
      INSERT INTO location_day_other_sales AS t (location_id, day, currency, purchases, gross_minor, refunds, refunded_minor)
      SELECT d.location_id, d.day, c.currency, d.purchases, d.gross_minor, d.refunds, d.refunded_minor
      FROM location_days d JOIN ${pairs(replaced, (c) => c.from, 'c')} ON c.location_id = d.location_id
      WHERE ${HAS_SALES}
      ON CONFLICT (location_id, day, currency) DO UPDATE SET ${addSales('t', 'excluded')}`,
    sql`UPDATE location_days SET ${SALES_ZERO} WHERE location_id = ANY(${ids}::text[]) AND ${HAS_SALES}`,
    sql`UPDATE location_months SET ${SALES_ZERO} WHERE location_id = ANY(${ids}::text[]) AND ${HAS_SALES}`,
  ];
}

/** Moves onto the day and month rows the sales kept aside in the currency each location is now registered with. Run after the batch's other writes. */
export function adoptOtherSalesWrites(changes: readonly CurrencyChange[]): RawBuilder<unknown>[] {
  if (changes.length === 0) return [];
  const adopted = sql`
    SELECT o.location_id, o.day, o.purchases, o.gross_minor, o.refunds, o.refunded_minor
    FROM location_day_other_sales o JOIN ${pairs(changes, (c) => c.to, 'c')} ON c.location_id = o.location_id AND c.currency = o.currency`;
  return [
    sql`
      UPDATE location_days d SET ${addSales('d', 'a')}
      FROM (${adopted}) AS a
      WHERE d.location_id = a.location_id AND d.day = a.day`,
    sql`
      UPDATE location_months m SET ${addSales('m', 'a')}
      FROM (
        SELECT location_id, date_trunc('month', day::timestamp)::date AS month,
          sum(purchases) AS purchases, sum(gross_minor) AS gross_minor, sum(refunds) AS refunds, sum(refunded_minor) AS refunded_minor
        FROM (${adopted}) AS by_day
        GROUP BY location_id, month
      ) AS a
      WHERE m.location_id = a.location_id AND m.month = a.month`,
    sql`
      DELETE FROM location_day_other_sales o USING ${pairs(changes, (c) => c.to, 'c')}
      WHERE c.location_id = o.location_id AND c.currency = o.currency`,
  ];
}
