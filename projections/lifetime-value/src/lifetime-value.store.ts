import { sql, type Transaction } from 'kysely';
import type { LifetimeValueChanges, MoneyDelta } from './lifetime-value-changes';
import type { LifetimeValueTables } from './lifetime-value.tables';

type Tx = Transaction<LifetimeValueTables>;

// Rows travel as one array parameter per column (unnest), so each table takes one statement per batch
// whatever its size, and pg parses a handful of parameters instead of thousands.

/** Writes a batch's changes: at most one statement per table. */
export async function writeLifetimeValueChanges(db: Tx, changes: LifetimeValueChanges): Promise<void> {
  const { registrations, values, locations, newPurchases, earlierPurchaseRefunds: refunds } = changes;
  if (registrations.length > 0) {
    await sql`
      INSERT INTO customers (customer_id, home_location_id, registered_at)
      SELECT * FROM unnest(
        ${registrations.map((r) => r.customerId)}::text[],
        ${registrations.map((r) => r.homeLocationId)}::text[],
        ${registrations.map((r) => iso(r.registeredAt))}::timestamptz[])
      ON CONFLICT (customer_id) DO UPDATE SET home_location_id = excluded.home_location_id, registered_at = excluded.registered_at`.execute(db);
  }
  if (values.length > 0) {
    await addMoney(db, 'customer_values', [values.map((v) => v.customerId)], values);
  }
  if (locations.length > 0) {
    await addMoney(db, 'customer_locations', [locations.map((l) => l.customerId), locations.map((l) => l.locationId)], locations);
  }
  if (newPurchases.length > 0) {
    // Purchase ids are unique per customer (the decider enforces it).
    await sql`
      INSERT INTO purchases (customer_id, purchase_id, currency, location_id, occurred_at, purchase_day, amount_minor, refunded_minor)
      SELECT * FROM unnest(
        ${newPurchases.map((p) => p.customerId)}::text[],
        ${newPurchases.map((p) => p.purchaseId)}::text[],
        ${newPurchases.map((p) => p.currency)}::text[],
        ${newPurchases.map((p) => p.locationId)}::text[],
        ${newPurchases.map((p) => iso(p.occurredAt))}::timestamptz[],
        ${newPurchases.map((p) => p.purchaseDay)}::date[],
        ${newPurchases.map((p) => p.amountMinor)}::bigint[],
        ${newPurchases.map((p) => p.refundedMinor)}::bigint[])
      ON CONFLICT (customer_id, purchase_id) DO NOTHING`.execute(db);
  }
  if (refunds.length > 0) {
    // A refund of a purchase this projection never saw (its event was parked) matches no row: it still
    // counts in the customer's net revenue, but no purchase day can be netted.
    await sql`
      UPDATE purchases AS p SET refunded_minor = p.refunded_minor + r.amount_minor
      FROM unnest(${refunds.map((r) => r.customerId)}::text[], ${refunds.map((r) => r.purchaseId)}::text[], ${refunds.map((r) => r.amountMinor)}::bigint[])
        AS r (customer_id, purchase_id, amount_minor)
      WHERE p.customer_id = r.customer_id AND p.purchase_id = r.purchase_id`.execute(db);
  }
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
async function addMoney(db: Tx, table: keyof typeof MONEY_TABLES, keyValues: readonly string[][], deltas: readonly MoneyDelta[]): Promise<void> {
  const { keys, primaryKey } = MONEY_TABLES[table];
  const t = sql.table(table);
  await sql`
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
      last_purchase_at = GREATEST(${t}.last_purchase_at, excluded.last_purchase_at)`.execute(db);
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();
