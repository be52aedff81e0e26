import { sql, type Transaction } from 'kysely';
import { writeTogether } from '@ledgerline/read-models';
import type { LifetimeValueChanges, MoneyDelta } from './lifetime-value-changes';
import type { LifetimeValueTables } from './lifetime-value.tables';

type Tx = Transaction<LifetimeValueTables>;

// Rows travel as one array parameter per column (unnest), so each table takes one write per batch
// whatever its size, and pg parses a handful of parameters instead of thousands.

/**
 * Writes a batch's changes in one statement (writeTogether), one write per table. The two writes of
 * purchases never meet on a row: refunds of the batch's own purchases are in its new purchases.
 */
export async function writeLifetimeValueChanges(db: Tx, changes: LifetimeValueChanges): Promise<void> {
  const { registrations, values, locations, newPurchases, earlierPurchaseRefunds } = changes;
  await writeTogether(db, [
    registrationsWrite(registrations),
    addMoney('customer_values', [values.map((v) => v.customerId)], values),
    addMoney('customer_locations', [locations.map((l) => l.customerId), locations.map((l) => l.locationId)], locations),
    purchasesWrite(newPurchases),
    refundsWrite(earlierPurchaseRefunds),
  ]);
}

function registrationsWrite(registrations: LifetimeValueChanges['registrations']) {
  if (registrations.length === 0) return undefined;
  return sql`
    INSERT INTO customers (customer_id, home_location_id, registered_at)
    SELECT * FROM unnest(
      ${registrations.map((r) => r.customerId)}::text[],
      ${registrations.map((r) => r.homeLocationId)}::text[],
      ${registrations.map((r) => iso(r.registeredAt))}::timestamptz[])
    ON CONFLICT (customer_id) DO UPDATE SET home_location_id = excluded.home_location_id, registered_at = excluded.registered_at`;
}

/** Purchase ids are unique per customer (the decider enforces it). */
function purchasesWrite(purchases: LifetimeValueChanges['newPurchases']) {
  if (purchases.length === 0) return undefined;
  return sql`
    INSERT INTO purchases (customer_id, purchase_id, currency, location_id, occurred_at, purchase_day, amount_minor, refunded_minor)
    SELECT * FROM unnest(
      ${purchases.map((p) => p.customerId)}::text[],
      ${purchases.map((p) => p.purchaseId)}::text[],
      ${purchases.map((p) => p.currency)}::text[],
      ${purchases.map((p) => p.locationId)}::text[],
      ${purchases.map((p) => iso(p.occurredAt))}::timestamptz[],
      ${purchases.map((p) => p.purchaseDay)}::date[],
      ${purchases.map((p) => p.amountMinor)}::bigint[],
      ${purchases.map((p) => p.refundedMinor)}::bigint[])
    ON CONFLICT (customer_id, purchase_id) DO NOTHING`;
}

/**
 * Refunds of purchases of earlier batches. One of a purchase this projection never saw (its event was
 * parked) matches no row: it still counts in the customer's net revenue, but no purchase day can be netted.
 */
function refundsWrite(refunds: LifetimeValueChanges['earlierPurchaseRefunds']) {
  if (refunds.length === 0) return undefined;
  return sql`
    UPDATE purchases AS p SET refunded_minor = p.refunded_minor + r.amount_minor
    FROM unnest(${refunds.map((r) => r.customerId)}::text[], ${refunds.map((r) => r.purchaseId)}::text[], ${refunds.map((r) => r.amountMinor)}::bigint[])
      AS r (customer_id, purchase_id, amount_minor)
    WHERE p.customer_id = r.customer_id AND p.purchase_id = r.purchase_id`;
}

/** The key columns of each money table (before currency), and its primary key. */
const MONEY_TABLES = {
  customer_values: { keys: ['customer_id'], primaryKey: ['customer_id', 'currency'] },
  customer_locations: { keys: ['customer_id', 'location_id'], primaryKey: ['customer_id', 'location_id'] },
} as const;

/**
 * Adds money deltas to the rows of a money table, inserting the missing ones; `keyValues` holds one array
 * per key column. LEAST and GREATEST skip NULLs, so a delta of refunds only leaves the purchase times as
 * they are.
 */
function addMoney(table: keyof typeof MONEY_TABLES, keyValues: readonly string[][], deltas: readonly MoneyDelta[]) {
  if (deltas.length === 0) return undefined;
  const { keys, primaryKey } = MONEY_TABLES[table];
  const t = sql.table(table);
  return sql`
    INSERT INTO ${t} (${sql.join(keys.map((key) => sql.id(key)))}, currency, orders, gross_minor, refunded_minor, net_revenue_minor, first_purchase_at, last_purchase_at)
    SELECT * FROM unnest(
      ${sql.join(keyValues.map((column) => sql`${column}::text[]`))},
      ${deltas.map((d) => d.currency)}::text[],
      ${deltas.map((d) => d.orders)}::integer[],
      ${deltas.map((d) => d.grossMinor)}::bigint[],
      ${deltas.map((d) => d.refundedMinor)}::bigint[],
      ${deltas.map((d) => d.grossMinor - d.refundedMinor)}::bigint[],
      ${deltas.map((d) => (d.firstPurchaseAt === null ? null : iso(d.firstPurchaseAt)))}::timestamptz[],
      ${deltas.map((d) => (d.lastPurchaseAt === null ? null : iso(d.lastPurchaseAt)))}::timestamptz[])
    ON CONFLICT (${sql.join(primaryKey.map((key) => sql.id(key)))}) DO UPDATE SET
      orders = ${t}.orders + excluded.orders,
      gross_minor = ${t}.gross_minor + excluded.gross_minor,
      refunded_minor = ${t}.refunded_minor + excluded.refunded_minor,
      net_revenue_minor = ${t}.net_revenue_minor + excluded.net_revenue_minor,
      first_purchase_at = LEAST(${t}.first_purchase_at, excluded.first_purchase_at),
      last_purchase_at = GREATEST(${t}.last_purchase_at, excluded.last_purchase_at)`;
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();
