import { sql, type Transaction } from 'kysely';
import { numberArray, readTogether, textArray, writeTogether } from '@ledgerline/read-models';
import type { CurrencyChange } from './currency-changes';
import { adoptOtherSalesWrites, releaseOwnSalesWrites } from './currency-moves';
import type { RegisteredLocation } from './locate-events';
import { medianBuckets } from './median-buckets';
import type { BatchPlan, DayDelta, OtherSalesDelta } from './plan-batch';
import { pairKey } from './plan-batch';
import type { RepeatLink } from './repeat-links';
import type { LocationPerformanceTables } from './performance-tables';

// One write per table and batch, whatever the batch's size: rows travel as one array literal per column
// (array-literals.ts) and unnest() turns them back into rows (a VALUES list would need a parameter per
// cell, and pg allows 65,535). Every statement runs in the build's schema (search_path), so tables are
// unqualified.

type Tx = Transaction<LocationPerformanceTables>;

/** What a batch needs from the tables, read in one statement (readTogether). */
export interface BatchState {
  /** The time zone of each location the batch names that is registered (null: registered without one). */
  readonly zones: Map<string, string | null>;
  /** The currency of each of those locations. */
  readonly currencies: Map<string, string>;
  /** The purchase days, sorted, of each (location, customer) pair the batch buys at that has any, by pairKey. */
  readonly purchaseDays: Map<string, string[]>;
}

export async function loadBatchState(tx: Tx, locationIds: readonly string[], pairs: readonly { locationId: string; customerId: string }[]): Promise<BatchState> {
  if (locationIds.length === 0 && pairs.length === 0) return { zones: new Map(), currencies: new Map(), purchaseDays: new Map() };
  // Dates come back through JSON, always as YYYY-MM-DD whatever the session's DateStyle. Each pair is
  // looked up in the primary key on its own (LIMIT 1 keeps the subquery from being flattened into a
  // join): left to choose, the planner hashed the whole table for every batch, because a build's
  // tables are not analyzed while it fills them (a year's 116,635 pairs: 35 ms a batch instead of 1.4).
  const { zones, days } = await readTogether(tx, {
    zones: sql<{ location_id: string; timezone: string | null; currency: string }>`
      SELECT location_id, timezone, currency FROM locations WHERE location_id = ANY(${textArray(locationIds)}::text[])`,
    days: sql<{ location_id: string; customer_id: string; days: string[] }>`
      SELECT c.location_id, c.customer_id, c.days
      FROM unnest(${textArray(pairs.map((p) => p.locationId))}::text[], ${textArray(pairs.map((p) => p.customerId))}::text[]) AS k(location_id, customer_id)
      CROSS JOIN LATERAL (
        SELECT location_id, customer_id, ARRAY(SELECT d FROM unnest(purchase_days) AS d ORDER BY d) AS days
        FROM customer_locations
        WHERE location_id = k.location_id AND customer_id = k.customer_id
        LIMIT 1
      ) AS c`,
  });
  return {
    zones: new Map(zones.map((row) => [row.location_id, row.timezone])),
    currencies: new Map(zones.map((row) => [row.location_id, row.currency])),
    purchaseDays: new Map(days.map((row) => [pairKey(row.location_id, row.customer_id), row.days])),
  };
}

/**
 * Writes a batch: the locations it registered, and its plan's deltas to the counters of days and months,
 * other-currency sales, purchase days, links and resolutions. Every table is written once, all in one
 * statement (writeTogether); a second statement drops the link counts a removal brought to zero and
 * moves onto the day rows the sales a registration gave its currency to (`changes`: a third, before
 * the others, moves a replaced currency's sales off them).
 */
export async function saveBatch(tx: Tx, registrations: readonly RegisteredLocation[], plan: BatchPlan, changes: readonly CurrencyChange[]): Promise<void> {
  const linkMonths = [...plan.linkMonths.values()].filter((m) => m.links !== 0);
  const linkWeeks = [...plan.linkWeeks.values()].filter((w) => w.links !== 0);
  await writeTogether(tx, releaseOwnSalesWrites(changes));
  await writeTogether(tx, [
    registrationsWrite(registrations),
    countersWrite('location_days', 'day', [...plan.days.values()]),
    countersWrite('location_months', 'month', [...plan.months.values()]),
    otherSalesWrite([...plan.otherSales.values()]),
    purchaseDaysWrite([...plan.purchaseDays.values()]),
    resolutionsWrite(plan.resolutions),
    resolutionMediansWrite(plan.resolutions),
    ...linksWrites(plan.links),
    linkMonthsWrite(linkMonths),
    linkWeeksWrite(linkWeeks),
  ]);
  // Only a removal can bring a count to zero, and the sales adopted are those earlier batches left:
  // these must see what the statement above wrote.
  await writeTogether(tx, [
    linkMonths.some((m) => m.links < 0) ? emptyLinkMonthsDelete(linkMonths) : undefined,
    linkWeeks.some((w) => w.links < 0) ? emptyLinkWeeksDelete(linkWeeks) : undefined,
    ...adoptOtherSalesWrites(changes),
  ]);
}

function registrationsWrite(locations: readonly RegisteredLocation[]) {
  if (locations.length === 0) return undefined;
  const column = <K extends keyof RegisteredLocation>(key: K) => locations.map((location) => location[key]);
  return sql`
    INSERT INTO locations AS t (location_id, name, region, currency, timezone, registered_at)
    SELECT * FROM unnest(${textArray(column('locationId'))}::text[], ${textArray(column('name'))}::text[], ${textArray(column('region'))}::text[],
      ${textArray(column('currency'))}::text[], ${textArray(column('timezone'))}::text[], ${textArray(column('registeredAt'))}::timestamptz[])
    ON CONFLICT (location_id) DO UPDATE SET
      name = excluded.name, region = excluded.region, currency = excluded.currency,
      timezone = excluded.timezone, registered_at = excluded.registered_at`;
}

function resolutionsWrite(resolutions: BatchPlan['resolutions']) {
  if (resolutions.length === 0) return undefined;
  return sql`
    INSERT INTO resolutions (event_id, location_id, day, complaint_id, customer_id, opened_at, resolved_at, seconds, resolved_on_first_contact)
    SELECT * FROM unnest(${textArray(resolutions.map((r) => r.eventId))}::uuid[], ${textArray(resolutions.map((r) => r.locationId))}::text[],
      ${textArray(resolutions.map((r) => r.day))}::date[], ${textArray(resolutions.map((r) => r.complaintId))}::text[], ${textArray(resolutions.map((r) => r.customerId))}::text[],
      ${textArray(resolutions.map((r) => r.openedAt))}::timestamptz[], ${textArray(resolutions.map((r) => r.resolvedAt))}::timestamptz[],
      ${numberArray(resolutions.map((r) => r.seconds))}::float8[], ${resolutions.map((r) => r.firstContact)}::boolean[])
    ON CONFLICT (event_id) DO NOTHING`;
}

/**
 * The medians of the days, weeks and months the batch's resolutions fall in, over the rows already
 * stored and the batch's new ones (the statement does not see its own insert into resolutions). A
 * resolution stored before is not counted twice.
 */
function resolutionMediansWrite(resolutions: BatchPlan['resolutions']) {
  if (resolutions.length === 0) return undefined;
  const buckets = medianBuckets(resolutions);
  return sql`
    INSERT INTO resolution_medians (location_id, granularity, start, median_seconds)
    SELECT b.location_id, b.granularity, b.start, m.median
    FROM unnest(${textArray(buckets.map((b) => b.locationId))}::text[], ${textArray(buckets.map((b) => b.granularity))}::text[],
      ${textArray(buckets.map((b) => b.start))}::date[], ${textArray(buckets.map((b) => b.last))}::date[]) AS b(location_id, granularity, start, last)
    CROSS JOIN LATERAL (
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v.seconds) AS median
      FROM (
        SELECT r.seconds FROM resolutions r WHERE r.location_id = b.location_id AND r.day BETWEEN b.start AND b.last
        UNION ALL
        SELECT n.seconds
        FROM unnest(${textArray(resolutions.map((r) => r.eventId))}::uuid[], ${textArray(resolutions.map((r) => r.locationId))}::text[],
          ${textArray(resolutions.map((r) => r.day))}::date[], ${numberArray(resolutions.map((r) => r.seconds))}::float8[]) AS n(event_id, location_id, day, seconds)
        WHERE n.location_id = b.location_id AND n.day BETWEEN b.start AND b.last AND NOT EXISTS (SELECT FROM resolutions r WHERE r.event_id = n.event_id)
      ) AS v
    ) AS m
    ON CONFLICT (location_id, granularity, start) DO UPDATE SET median_seconds = excluded.median_seconds`;
}

/** Each changed pair's purchase days (a comma-separated list per pair: unnest cannot carry arrays of arrays). */
function purchaseDaysWrite(pairs: readonly { locationId: string; customerId: string; days: readonly string[] }[]) {
  if (pairs.length === 0) return undefined;
  return sql`
    INSERT INTO customer_locations AS t (location_id, customer_id, first_purchase_day, purchase_days)
    SELECT location_id, customer_id, days[1], days
    FROM unnest(${textArray(pairs.map((p) => p.locationId))}::text[], ${textArray(pairs.map((p) => p.customerId))}::text[], ${textArray(pairs.map((p) => p.days.join(',')))}::text[])
      AS k(location_id, customer_id, list), LATERAL (SELECT string_to_array(list, ',')::date[] AS days) AS d
    ON CONFLICT (location_id, customer_id) DO UPDATE SET first_purchase_day = excluded.first_purchase_day, purchase_days = excluded.purchase_days`;
}

const linkKey = (link: RepeatLink) => `${link.locationId}\u0000${link.customerId}\u0000${link.prevDay}`;

/**
 * Removes and adds the batch's links. A link added may take a removed one's key (a day logged late
 * between two repeat days keeps the earlier one's key, pointing at the new day): such a key is
 * updated, not deleted, so that the delete and the insert never meet on one row.
 */
function linksWrites({ added, removed }: BatchPlan['links']) {
  const readded = new Set(added.map(linkKey));
  const gone = removed.filter((link) => !readded.has(linkKey(link)));
  return [
    gone.length === 0
      ? undefined
      : sql`
          DELETE FROM repeat_links r
          USING unnest(${textArray(gone.map((l) => l.locationId))}::text[], ${textArray(gone.map((l) => l.prevDay))}::date[], ${textArray(gone.map((l) => l.customerId))}::text[])
            AS k(location_id, prev_day, customer_id)
          WHERE r.location_id = k.location_id AND r.prev_day = k.prev_day AND r.customer_id = k.customer_id`,
    added.length === 0
      ? undefined
      : sql`
          INSERT INTO repeat_links (location_id, prev_day, day, customer_id)
          SELECT * FROM unnest(${textArray(added.map((l) => l.locationId))}::text[], ${textArray(added.map((l) => l.prevDay))}::date[], ${textArray(added.map((l) => l.day))}::date[],
            ${textArray(added.map((l) => l.customerId))}::text[])
          ON CONFLICT (location_id, prev_day, customer_id) DO UPDATE SET day = excluded.day`,
  ];
}

type LinkMonth = BatchPlan['linkMonths'] extends ReadonlyMap<string, infer Value> ? Value : never;
type LinkWeek = BatchPlan['linkWeeks'] extends ReadonlyMap<string, infer Value> ? Value : never;

function linkMonthsWrite(months: readonly LinkMonth[]) {
  if (months.length === 0) return undefined;
  return sql`
    INSERT INTO repeat_link_months AS t (location_id, month, prev_month, links)
    SELECT * FROM unnest(${textArray(months.map((m) => m.locationId))}::text[], ${textArray(months.map((m) => m.month))}::date[], ${textArray(months.map((m) => m.prevMonth))}::date[],
      ${numberArray(months.map((m) => m.links))}::int[])
    ON CONFLICT (location_id, month, prev_month) DO UPDATE SET links = t.links + excluded.links`;
}

function emptyLinkMonthsDelete(months: readonly LinkMonth[]) {
  return sql`
    DELETE FROM repeat_link_months r
    USING unnest(${textArray(months.map((m) => m.locationId))}::text[], ${textArray(months.map((m) => m.month))}::date[], ${textArray(months.map((m) => m.prevMonth))}::date[])
      AS k(location_id, month, prev_month)
    WHERE r.links = 0 AND r.location_id = k.location_id AND r.month = k.month AND r.prev_month = k.prev_month`;
}

function linkWeeksWrite(weeks: readonly LinkWeek[]) {
  if (weeks.length === 0) return undefined;
  return sql`
    INSERT INTO repeat_link_weeks AS t (location_id, week, links)
    SELECT * FROM unnest(${textArray(weeks.map((w) => w.locationId))}::text[], ${textArray(weeks.map((w) => w.week))}::date[], ${numberArray(weeks.map((w) => w.links))}::int[])
    ON CONFLICT (location_id, week) DO UPDATE SET links = t.links + excluded.links`;
}

function emptyLinkWeeksDelete(weeks: readonly LinkWeek[]) {
  return sql`
    DELETE FROM repeat_link_weeks r USING unnest(${textArray(weeks.map((w) => w.locationId))}::text[], ${textArray(weeks.map((w) => w.week))}::date[]) AS k(location_id, week)
    WHERE r.links = 0 AND r.location_id = k.location_id AND r.week = k.week`;
}

/** Adds counter deltas, sales in the location's currency included, to a per-day or per-month table (`day` of a delta: the day, or the month's first day). */
function countersWrite(table: 'location_days' | 'location_months', period: 'day' | 'month', deltas: readonly DayDelta[]) {
  if (deltas.length === 0) return undefined;
  const column = (key: Exclude<keyof DayDelta, 'locationId' | 'day'>) => deltas.map((d) => d[key]);
  return sql`
    INSERT INTO ${sql.table(table)} AS t (location_id, ${sql.ref(period)}, purchases, gross_minor, refunds, refunded_minor, new_customers, repeat_customers, calls, emails,
      complaints_opened, complaints_resolved, resolved_first_contact, promoters, passives, detractors)
    SELECT * FROM unnest(${textArray(deltas.map((d) => d.locationId))}::text[], ${textArray(deltas.map((d) => d.day))}::date[],
      ${numberArray(column('purchases'))}::int[], ${numberArray(column('grossMinor'))}::bigint[], ${numberArray(column('refunds'))}::int[], ${numberArray(column('refundedMinor'))}::bigint[],
      ${numberArray(column('newCustomers'))}::int[], ${numberArray(column('repeatCustomers'))}::int[], ${numberArray(column('calls'))}::int[], ${numberArray(column('emails'))}::int[],
      ${numberArray(column('complaintsOpened'))}::int[], ${numberArray(column('complaintsResolved'))}::int[], ${numberArray(column('resolvedFirstContact'))}::int[],
      ${numberArray(column('promoters'))}::int[], ${numberArray(column('passives'))}::int[], ${numberArray(column('detractors'))}::int[])
    ON CONFLICT (location_id, ${sql.ref(period)}) DO UPDATE SET
      purchases = t.purchases + excluded.purchases,
      gross_minor = t.gross_minor + excluded.gross_minor,
      refunds = t.refunds + excluded.refunds,
      refunded_minor = t.refunded_minor + excluded.refunded_minor,
      new_customers = t.new_customers + excluded.new_customers,
      repeat_customers = t.repeat_customers + excluded.repeat_customers,
      calls = t.calls + excluded.calls,
      emails = t.emails + excluded.emails,
      complaints_opened = t.complaints_opened + excluded.complaints_opened,
      complaints_resolved = t.complaints_resolved + excluded.complaints_resolved,
      resolved_first_contact = t.resolved_first_contact + excluded.resolved_first_contact,
      promoters = t.promoters + excluded.promoters,
      passives = t.passives + excluded.passives,
      detractors = t.detractors + excluded.detractors`;
}

/** Adds the deltas of sales in a currency other than the location's, one row per location, day and currency. */
function otherSalesWrite(deltas: readonly OtherSalesDelta[]) {
  if (deltas.length === 0) return undefined;
  return sql`
    INSERT INTO location_day_other_sales AS t (location_id, day, currency, purchases, gross_minor, refunds, refunded_minor)
    SELECT * FROM unnest(${textArray(deltas.map((s) => s.locationId))}::text[], ${textArray(deltas.map((s) => s.day))}::date[], ${textArray(deltas.map((s) => s.currency))}::text[],
      ${numberArray(deltas.map((s) => s.purchases))}::int[], ${numberArray(deltas.map((s) => s.grossMinor))}::bigint[],
      ${numberArray(deltas.map((s) => s.refunds))}::int[], ${numberArray(deltas.map((s) => s.refundedMinor))}::bigint[])
    ON CONFLICT (location_id, day, currency) DO UPDATE SET
      purchases = t.purchases + excluded.purchases,
      gross_minor = t.gross_minor + excluded.gross_minor,
      refunds = t.refunds + excluded.refunds,
      refunded_minor = t.refunded_minor + excluded.refunded_minor`;
}
