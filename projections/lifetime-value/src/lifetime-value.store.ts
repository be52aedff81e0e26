import { sql, type RawBuilder, type Transaction } from 'kysely';
import { writeTogether } from '@ledgerline/read-models';
import type { LifetimeValueChanges, MoneyDelta } from './lifetime-value-changes';
import type { LifetimeValueTables } from './lifetime-value.tables';

type Tx = Transaction<LifetimeValueTables>;

// Rows travel as one JSON document per table (json_to_recordset), so each table takes one write per
// batch whatever its size, and pg sends one parameter instead of thousands. A document costs less to
// write and to read than an array parameter per column (pg quotes every element of an array), and its
// times go as epoch milliseconds, turned into timestamps by PostgreSQL (instant()).

/**
 * Writes a batch's changes in one statement (writeTogether), one write per table. The two writes of
 * purchases never meet on a row: refunds of the batch's own purchases are in its new purchases.
 */
export async function writeLifetimeValueChanges(db: Tx, changes: LifetimeValueChanges): Promise<void> {
  const { registrations, values, locations, newPurchases, earlierPurchaseRefunds } = changes;
  await writeTogether(db, [
    registrationsWrite(registrations),
    addMoney('customer_values', values),
    addMoney('customer_locations', locations),
    purchasesWrite(newPurchases),
    refundsWrite(earlierPurchaseRefunds),
  ]);
}

function registrationsWrite(registrations: LifetimeValueChanges['registrations']) {
  if (registrations.length === 0) return undefined;
  return sql`
    INSERT INTO customers (customer_id, home_location_id, registered_at)
    SELECT r."customerId", r."homeLocationId", ${instant(sql`r."registeredAt"`)}
    FROM json_to_recordset(${document(registrations)}) AS r("customerId" text, "homeLocationId" text, "registeredAt" bigint)
    ON CONFLICT (customer_id) DO UPDATE SET home_location_id = excluded.home_location_id, registered_at = excluded.registered_at`;
}

/** Purchase ids are unique per customer (the decider enforces it). */
function purchasesWrite(purchases: LifetimeValueChanges['newPurchases']) {
  if (purchases.length === 0) return undefined;
  return sql`
    INSERT INTO purchases (customer_id, purchase_id, currency, location_id, occurred_at, purchase_day, amount_minor, refunded_minor)
    SELECT r."customerId", r."purchaseId", r.currency, r."locationId", ${instant(sql`r."occurredAt"`)}, r."purchaseDay", r."amountMinor", r."refundedMinor"
    FROM json_to_recordset(${document(purchases)}) AS r(
      "customerId" text, "purchaseId" text, currency text, "locationId" text, "occurredAt" bigint, "purchaseDay" date, "amountMinor" bigint, "refundedMinor" bigint)
    ON CONFLICT (customer_id, purchase_id) DO NOTHING`;
}

/**
 * Refunds of purchases of earlier batches. One of a purchase this projection never saw (its event was
 * parked) matches no row: it still counts in the customer's net revenue, but no purchase day can be netted.
 */
function refundsWrite(refunds: LifetimeValueChanges['earlierPurchaseRefunds']) {
  if (refunds.length === 0) return undefined;
  return sql`
    UPDATE purchases AS p SET refunded_minor = p.refunded_minor + r."amountMinor"
    FROM json_to_recordset(${document(refunds)}) AS r("customerId" text, "purchaseId" text, "amountMinor" bigint)
    WHERE p.customer_id = r."customerId" AND p.purchase_id = r."purchaseId"`;
}

/** The key columns of each money table (before currency), with the delta's field of each, and its primary key. */
const MONEY_TABLES = {
  customer_values: { keys: { customer_id: 'customerId' }, primaryKey: ['customer_id', 'currency'] },
  customer_locations: { keys: { customer_id: 'customerId', location_id: 'locationId' }, primaryKey: ['customer_id', 'location_id'] },
} as const;

/**
 * Adds money deltas to the rows of a money table, inserting the missing ones. LEAST and GREATEST skip
 * NULLs, so a delta of refunds only leaves the purchase times as they are.
 */
function addMoney(table: keyof typeof MONEY_TABLES, deltas: readonly MoneyDelta[]) {
  if (deltas.length === 0) return undefined;
  const { keys, primaryKey } = MONEY_TABLES[table];
  const t = sql.table(table);
  const keyFields = Object.values(keys).map((field) => sql.ref(`r.${field}`));
  return sql`
    INSERT INTO ${t} (${sql.join(Object.keys(keys).map((key) => sql.id(key)))}, currency, orders, gross_minor, refunded_minor, net_revenue_minor, first_purchase_at, last_purchase_at)
    SELECT ${sql.join(keyFields)}, r.currency, r.orders, r."grossMinor", r."refundedMinor", r."grossMinor" - r."refundedMinor",
      ${instant(sql`r."firstPurchaseAt"`)}, ${instant(sql`r."lastPurchaseAt"`)}
    FROM json_to_recordset(${document(deltas)}) AS r(
      ${sql.join(Object.values(keys).map((field) => sql`${sql.id(field)} text`))}, currency text, orders integer, "grossMinor" bigint, "refundedMinor" bigint,
      "firstPurchaseAt" bigint, "lastPurchaseAt" bigint)
    ON CONFLICT (${sql.join(primaryKey.map((key) => sql.id(key)))}) DO UPDATE SET
      orders = ${t}.orders + excluded.orders,
      gross_minor = ${t}.gross_minor + excluded.gross_minor,
      refunded_minor = ${t}.refunded_minor + excluded.refunded_minor,
      net_revenue_minor = ${t}.net_revenue_minor + excluded.net_revenue_minor,
      first_purchase_at = LEAST(${t}.first_purchase_at, excluded.first_purchase_at),
      last_purchase_at = GREATEST(${t}.last_purchase_at, excluded.last_purchase_at)`;
}

const document = (rows: readonly object[]) => sql`${JSON.stringify(rows)}::json`;

/**
 * A timestamptz from epoch milliseconds (NULL stays NULL). Whole seconds and the milliseconds apart:
 * to_timestamp takes a float8, which holds the microseconds of a time exactly only until about 2255.
 */
const instant = (epochMs: RawBuilder<unknown>) => sql`(to_timestamp(${epochMs} / 1000) + (${epochMs} % 1000) * interval '1 millisecond')`;
