import { sql, type Transaction } from 'kysely';
import type { LocatedPurchase, RegisteredLocation } from './locate-events';
import type { BatchPlan } from './plan-batch';
import { customerDayKey, pairKey } from './plan-batch';
import type { LocationPerformanceTables } from './performance-tables';

// One statement per table and batch, whatever the batch's size: rows travel as one array per column
// and unnest() turns them back into rows (a VALUES list would need a parameter per cell, and pg
// allows 65,535). Every statement runs in the build's schema (search_path), so tables are unqualified.

type Tx = Transaction<LocationPerformanceTables>;

/** The time zone of each of these locations that is registered (null: registered without one). */
export async function loadTimeZones(tx: Tx, locationIds: readonly string[]): Promise<Map<string, string | null>> {
  if (locationIds.length === 0) return new Map();
  const { rows } = await sql<{ location_id: string; timezone: string | null }>`
    SELECT location_id, timezone FROM locations WHERE location_id = ANY(${locationIds}::text[])`.execute(tx);
  return new Map(rows.map((row) => [row.location_id, row.timezone]));
}

/** The first purchase day at the location of each (location, customer) pair that has one, by pairKey. */
export async function loadFirstPurchaseDays(tx: Tx, pairs: readonly { locationId: string; customerId: string }[]): Promise<Map<string, string>> {
  if (pairs.length === 0) return new Map();
  const { rows } = await sql<{ location_id: string; customer_id: string; first_purchase_day: string }>`
    SELECT c.location_id, c.customer_id, to_char(c.first_purchase_day, 'YYYY-MM-DD') AS first_purchase_day
    FROM customer_locations c
    JOIN unnest(${pairs.map((p) => p.locationId)}::text[], ${pairs.map((p) => p.customerId)}::text[]) AS k(location_id, customer_id)
      ON k.location_id = c.location_id AND k.customer_id = c.customer_id`.execute(tx);
  return new Map(rows.map((row) => [pairKey(row.location_id, row.customer_id), row.first_purchase_day]));
}

/**
 * Records the batch's customer purchase days and answers which of them were there before: inserting
 * with DO NOTHING returns only the new rows, which saves a separate read. By customerDayKey.
 */
export async function recordPurchaseDays(tx: Tx, purchases: readonly LocatedPurchase[]): Promise<Set<string>> {
  const batch = new Map(purchases.map((p) => [customerDayKey(p.locationId, p.customerId, p.day), p]));
  if (batch.size === 0) return new Set();
  const rows = [...batch.values()];
  const { rows: inserted } = await sql<{ location_id: string; customer_id: string; day: string }>`
    INSERT INTO customer_days (location_id, day, customer_id)
    SELECT * FROM unnest(${rows.map((r) => r.locationId)}::text[], ${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.customerId)}::text[])
    ON CONFLICT DO NOTHING
    RETURNING location_id, customer_id, to_char(day, 'YYYY-MM-DD') AS day`.execute(tx);
  for (const row of inserted) batch.delete(customerDayKey(row.location_id, row.customer_id, row.day));
  return new Set(batch.keys());
}

export async function saveRegistrations(tx: Tx, locations: readonly RegisteredLocation[]): Promise<void> {
  if (locations.length === 0) return;
  const column = <K extends keyof RegisteredLocation>(key: K) => locations.map((location) => location[key]);
  await sql`
    INSERT INTO locations AS t (location_id, name, region, currency, timezone, registered_at)
    SELECT * FROM unnest(${column('locationId')}::text[], ${column('name')}::text[], ${column('region')}::text[],
      ${column('currency')}::text[], ${column('timezone')}::text[], ${column('registeredAt')}::timestamptz[])
    ON CONFLICT (location_id) DO UPDATE SET
      name = excluded.name, region = excluded.region, currency = excluded.currency,
      timezone = excluded.timezone, registered_at = excluded.registered_at`.execute(tx);
}

/** Adds the batch's deltas to the counters and inserts its first purchase days and resolutions. */
export async function savePlan(tx: Tx, plan: BatchPlan): Promise<void> {
  const days = [...plan.days.values()];
  if (days.length > 0) {
    const column = (key: Exclude<keyof (typeof days)[number], 'locationId' | 'day'>) => days.map((d) => d[key]);
    await sql`
      INSERT INTO location_days AS t (location_id, day, new_customers, repeat_customers, calls, emails,
        complaints_opened, complaints_resolved, resolved_first_contact, promoters, passives, detractors)
      SELECT * FROM unnest(${days.map((d) => d.locationId)}::text[], ${days.map((d) => d.day)}::date[],
        ${column('newCustomers')}::int[], ${column('repeatCustomers')}::int[], ${column('calls')}::int[], ${column('emails')}::int[],
        ${column('complaintsOpened')}::int[], ${column('complaintsResolved')}::int[], ${column('resolvedFirstContact')}::int[],
        ${column('promoters')}::int[], ${column('passives')}::int[], ${column('detractors')}::int[])
      ON CONFLICT (location_id, day) DO UPDATE SET
        new_customers = t.new_customers + excluded.new_customers,
        repeat_customers = t.repeat_customers + excluded.repeat_customers,
        calls = t.calls + excluded.calls,
        emails = t.emails + excluded.emails,
        complaints_opened = t.complaints_opened + excluded.complaints_opened,
        complaints_resolved = t.complaints_resolved + excluded.complaints_resolved,
        resolved_first_contact = t.resolved_first_contact + excluded.resolved_first_contact,
        promoters = t.promoters + excluded.promoters,
        passives = t.passives + excluded.passives,
        detractors = t.detractors + excluded.detractors`.execute(tx);
  }

  const sales = [...plan.sales.values()];
  if (sales.length > 0) {
    await sql`
      INSERT INTO location_day_sales AS t (location_id, day, currency, purchases, gross_minor, refunds, refunded_minor)
      SELECT * FROM unnest(${sales.map((s) => s.locationId)}::text[], ${sales.map((s) => s.day)}::date[], ${sales.map((s) => s.currency)}::text[],
        ${sales.map((s) => s.purchases)}::int[], ${sales.map((s) => s.grossMinor)}::bigint[],
        ${sales.map((s) => s.refunds)}::int[], ${sales.map((s) => s.refundedMinor)}::bigint[])
      ON CONFLICT (location_id, day, currency) DO UPDATE SET
        purchases = t.purchases + excluded.purchases,
        gross_minor = t.gross_minor + excluded.gross_minor,
        refunds = t.refunds + excluded.refunds,
        refunded_minor = t.refunded_minor + excluded.refunded_minor`.execute(tx);
  }

  const firsts = [...plan.firstPurchases.values()];
  if (firsts.length > 0) {
    await sql`
      INSERT INTO customer_locations AS t (location_id, customer_id, first_purchase_day)
      SELECT * FROM unnest(${firsts.map((f) => f.locationId)}::text[], ${firsts.map((f) => f.customerId)}::text[], ${firsts.map((f) => f.day)}::date[])
      ON CONFLICT (location_id, customer_id) DO UPDATE SET first_purchase_day = LEAST(t.first_purchase_day, excluded.first_purchase_day)`.execute(tx);
  }

  const resolutions = plan.resolutions;
  if (resolutions.length > 0) {
    await sql`
      INSERT INTO resolutions (event_id, location_id, day, complaint_id, customer_id, opened_at, resolved_at, seconds, resolved_on_first_contact)
      SELECT * FROM unnest(${resolutions.map((r) => r.eventId)}::uuid[], ${resolutions.map((r) => r.locationId)}::text[],
        ${resolutions.map((r) => r.day)}::date[], ${resolutions.map((r) => r.complaintId)}::text[], ${resolutions.map((r) => r.customerId)}::text[],
        ${resolutions.map((r) => r.openedAt)}::timestamptz[], ${resolutions.map((r) => r.resolvedAt)}::timestamptz[],
        ${resolutions.map((r) => r.seconds)}::float8[], ${resolutions.map((r) => r.firstContact)}::boolean[])
      ON CONFLICT (event_id) DO NOTHING`.execute(tx);
  }
}
