import { sql, type Transaction } from 'kysely';
import type { RegisteredLocation } from './locate-events';
import type { BatchPlan, DayDelta, SalesDelta } from './plan-batch';
import { pairKey } from './plan-batch';
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

/** The purchase days at the location of each (location, customer) pair that has any, sorted, by pairKey. */
export async function loadPurchaseDays(tx: Tx, pairs: readonly { locationId: string; customerId: string }[]): Promise<Map<string, string[]>> {
  if (pairs.length === 0) return new Map();
  const { rows } = await sql<{ location_id: string; customer_id: string; days: string[] }>`
    SELECT c.location_id, c.customer_id, ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(c.purchase_days) AS d ORDER BY d) AS days
    FROM customer_locations c
    JOIN unnest(${pairs.map((p) => p.locationId)}::text[], ${pairs.map((p) => p.customerId)}::text[]) AS k(location_id, customer_id)
      ON k.location_id = c.location_id AND k.customer_id = c.customer_id`.execute(tx);
  return new Map(rows.map((row) => [pairKey(row.location_id, row.customer_id), row.days]));
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

/** Adds the batch's deltas to the counters of days and months and saves its purchase days, links and resolutions. */
export async function savePlan(tx: Tx, plan: BatchPlan): Promise<void> {
  await addCounters(tx, 'location_days', 'day', [...plan.days.values()]);
  await addCounters(tx, 'location_months', 'month', [...plan.months.values()]);
  await addSales(tx, 'location_day_sales', 'day', [...plan.sales.values()]);
  await addSales(tx, 'location_month_sales', 'month', [...plan.monthSales.values()]);
  await savePurchaseDays(tx, plan);
  await saveLinks(tx, plan);

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

/** Each changed pair's purchase days (a comma-separated list per pair: unnest cannot carry arrays of arrays). */
async function savePurchaseDays(tx: Tx, plan: BatchPlan): Promise<void> {
  const pairs = [...plan.purchaseDays.values()];
  if (pairs.length === 0) return;
  await sql`
    INSERT INTO customer_locations AS t (location_id, customer_id, first_purchase_day, purchase_days)
    SELECT location_id, customer_id, days[1], days
    FROM unnest(${pairs.map((p) => p.locationId)}::text[], ${pairs.map((p) => p.customerId)}::text[], ${pairs.map((p) => p.days.join(','))}::text[])
      AS k(location_id, customer_id, list), LATERAL (SELECT string_to_array(list, ',')::date[] AS days) AS d
    ON CONFLICT (location_id, customer_id) DO UPDATE SET first_purchase_day = excluded.first_purchase_day, purchase_days = excluded.purchase_days`.execute(tx);
}

/**
 * Removes and adds the batch's links (removals first: a link added may reuse a removed one's key), then
 * adds their month and week counts and drops the counts that reach zero, so that how the log was cut
 * into batches never shows in the rows.
 */
async function saveLinks(tx: Tx, plan: BatchPlan): Promise<void> {
  const { added, removed } = plan.links;
  if (removed.length > 0) {
    await sql`
      DELETE FROM repeat_links r
      USING unnest(${removed.map((l) => l.locationId)}::text[], ${removed.map((l) => l.prevDay)}::date[], ${removed.map((l) => l.customerId)}::text[])
        AS k(location_id, prev_day, customer_id)
      WHERE r.location_id = k.location_id AND r.prev_day = k.prev_day AND r.customer_id = k.customer_id`.execute(tx);
  }
  if (added.length > 0) {
    await sql`
      INSERT INTO repeat_links (location_id, prev_day, day, customer_id)
      SELECT * FROM unnest(${added.map((l) => l.locationId)}::text[], ${added.map((l) => l.prevDay)}::date[], ${added.map((l) => l.day)}::date[],
        ${added.map((l) => l.customerId)}::text[])`.execute(tx);
  }

  const months = [...plan.linkMonths.values()].filter((m) => m.links !== 0);
  if (months.length > 0) {
    const keys = [sql`${months.map((m) => m.locationId)}::text[]`, sql`${months.map((m) => m.month)}::date[]`, sql`${months.map((m) => m.prevMonth)}::date[]`];
    await sql`
      INSERT INTO repeat_link_months AS t (location_id, month, prev_month, links)
      SELECT * FROM unnest(${keys[0]}, ${keys[1]}, ${keys[2]}, ${months.map((m) => m.links)}::int[])
      ON CONFLICT (location_id, month, prev_month) DO UPDATE SET links = t.links + excluded.links`.execute(tx);
    // Only a removal can bring a count to zero.
    if (months.some((m) => m.links < 0)) {
      await sql`
        DELETE FROM repeat_link_months r USING unnest(${keys[0]}, ${keys[1]}, ${keys[2]}) AS k(location_id, month, prev_month)
        WHERE r.links = 0 AND r.location_id = k.location_id AND r.month = k.month AND r.prev_month = k.prev_month`.execute(tx);
    }
  }
  const weeks = [...plan.linkWeeks.values()].filter((w) => w.links !== 0);
  if (weeks.length > 0) {
    const keys = [sql`${weeks.map((w) => w.locationId)}::text[]`, sql`${weeks.map((w) => w.week)}::date[]`];
    await sql`
      INSERT INTO repeat_link_weeks AS t (location_id, week, links)
      SELECT * FROM unnest(${keys[0]}, ${keys[1]}, ${weeks.map((w) => w.links)}::int[])
      ON CONFLICT (location_id, week) DO UPDATE SET links = t.links + excluded.links`.execute(tx);
    if (weeks.some((w) => w.links < 0)) {
      await sql`
        DELETE FROM repeat_link_weeks r USING unnest(${keys[0]}, ${keys[1]}) AS k(location_id, week)
        WHERE r.links = 0 AND r.location_id = k.location_id AND r.week = k.week`.execute(tx);
    }
  }
}

/** Adds counter deltas to a per-day or per-month table (`day` of a delta: the day, or the month's first day). */
async function addCounters(tx: Tx, table: 'location_days' | 'location_months', period: 'day' | 'month', deltas: readonly DayDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const column = (key: Exclude<keyof DayDelta, 'locationId' | 'day'>) => deltas.map((d) => d[key]);
  await sql`
    INSERT INTO ${sql.table(table)} AS t (location_id, ${sql.ref(period)}, new_customers, repeat_customers, calls, emails,
      complaints_opened, complaints_resolved, resolved_first_contact, promoters, passives, detractors)
    SELECT * FROM unnest(${deltas.map((d) => d.locationId)}::text[], ${deltas.map((d) => d.day)}::date[],
      ${column('newCustomers')}::int[], ${column('repeatCustomers')}::int[], ${column('calls')}::int[], ${column('emails')}::int[],
      ${column('complaintsOpened')}::int[], ${column('complaintsResolved')}::int[], ${column('resolvedFirstContact')}::int[],
      ${column('promoters')}::int[], ${column('passives')}::int[], ${column('detractors')}::int[])
    ON CONFLICT (location_id, ${sql.ref(period)}) DO UPDATE SET
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

/** Adds sales deltas to a per-day or per-month table, one row per currency. */
async function addSales(tx: Tx, table: 'location_day_sales' | 'location_month_sales', period: 'day' | 'month', deltas: readonly SalesDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await sql`
    INSERT INTO ${sql.table(table)} AS t (location_id, ${sql.ref(period)}, currency, purchases, gross_minor, refunds, refunded_minor)
    SELECT * FROM unnest(${deltas.map((s) => s.locationId)}::text[], ${deltas.map((s) => s.day)}::date[], ${deltas.map((s) => s.currency)}::text[],
      ${deltas.map((s) => s.purchases)}::int[], ${deltas.map((s) => s.grossMinor)}::bigint[],
      ${deltas.map((s) => s.refunds)}::int[], ${deltas.map((s) => s.refundedMinor)}::bigint[])
    ON CONFLICT (location_id, ${sql.ref(period)}, currency) DO UPDATE SET
      purchases = t.purchases + excluded.purchases,
      gross_minor = t.gross_minor + excluded.gross_minor,
      refunds = t.refunds + excluded.refunds,
      refunded_minor = t.refunded_minor + excluded.refunded_minor`.execute(tx);
}
