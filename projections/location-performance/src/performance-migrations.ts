import { sql, type Kysely } from 'kysely';
import type { ProjectionMigration } from '@ledgerline/read-models';

/**
 * The tables of a build (created inside the build's schema, so unqualified). Counters are upserted by
 * adding deltas, so the two per-day tables leave room in each page for HOT updates.
 */
export const locationPerformanceMigrations: readonly ProjectionMigration[] = [
  {
    id: '0001-location-performance',
    async up(db: Kysely<unknown>) {
      await sql`
        CREATE TABLE locations (
          location_id text PRIMARY KEY,
          name text NOT NULL,
          region text NOT NULL,
          currency text NOT NULL,
          timezone text,
          registered_at timestamptz NOT NULL
        )`.execute(db);
      await sql`
        CREATE TABLE location_days (
          location_id text NOT NULL,
          day date NOT NULL,
          new_customers integer NOT NULL,
          repeat_customers integer NOT NULL,
          calls integer NOT NULL,
          emails integer NOT NULL,
          complaints_opened integer NOT NULL,
          complaints_resolved integer NOT NULL,
          resolved_first_contact integer NOT NULL,
          promoters integer NOT NULL,
          passives integer NOT NULL,
          detractors integer NOT NULL,
          PRIMARY KEY (location_id, day)
        ) WITH (fillfactor = 80)`.execute(db);
      // The network ranking reads one period across every location.
      await sql`CREATE INDEX location_days_by_day ON location_days (day)`.execute(db);
      await sql`
        CREATE TABLE location_day_sales (
          location_id text NOT NULL,
          day date NOT NULL,
          currency text NOT NULL,
          purchases integer NOT NULL,
          gross_minor bigint NOT NULL,
          refunds integer NOT NULL,
          refunded_minor bigint NOT NULL,
          PRIMARY KEY (location_id, day, currency)
        ) WITH (fillfactor = 80)`.execute(db);
      await sql`
        CREATE TABLE customer_locations (
          location_id text NOT NULL,
          customer_id text NOT NULL,
          first_purchase_day date NOT NULL,
          PRIMARY KEY (location_id, customer_id)
        )`.execute(db);
      await sql`
        CREATE TABLE customer_days (
          location_id text NOT NULL,
          day date NOT NULL,
          customer_id text NOT NULL,
          PRIMARY KEY (location_id, day, customer_id)
        )`.execute(db);
      await sql`
        CREATE TABLE resolutions (
          event_id uuid PRIMARY KEY,
          location_id text NOT NULL,
          day date NOT NULL,
          complaint_id text NOT NULL,
          customer_id text NOT NULL,
          opened_at timestamptz NOT NULL,
          resolved_at timestamptz NOT NULL,
          seconds double precision NOT NULL,
          resolved_on_first_contact boolean NOT NULL
        )`.execute(db);
      await sql`CREATE INDEX resolutions_by_location_day ON resolutions (location_id, day)`.execute(db);
    },
  },
  {
    // Version 2, for queries whose cost does not grow with the period: distinct repeat customers from
    // links between repeat days (see repeat-links.ts), with a customer's purchase days moved into
    // customer_locations, which the batch reads anyway; counters and sales also kept per month; and
    // resolutions indexed to be read without their rows for the median.
    id: '0002-month-rollups-and-repeat-links',
    async up(db: Kysely<unknown>) {
      await sql`DROP TABLE customer_days`.execute(db);
      await sql`ALTER TABLE customer_locations ADD COLUMN purchase_days date[] NOT NULL`.execute(db);
      await sql`
        CREATE TABLE repeat_links (
          location_id text NOT NULL,
          prev_day date NOT NULL,
          day date NOT NULL,
          customer_id text NOT NULL,
          PRIMARY KEY (location_id, prev_day, customer_id)
        )`.execute(db);
      await sql`CREATE INDEX repeat_links_by_day ON repeat_links (location_id, day)`.execute(db);
      await sql`
        CREATE TABLE repeat_link_months (
          location_id text NOT NULL,
          month date NOT NULL,
          prev_month date NOT NULL,
          links integer NOT NULL,
          PRIMARY KEY (location_id, month, prev_month)
        ) WITH (fillfactor = 80)`.execute(db);
      await sql`
        CREATE TABLE repeat_link_weeks (
          location_id text NOT NULL,
          week date NOT NULL,
          links integer NOT NULL,
          PRIMARY KEY (location_id, week)
        ) WITH (fillfactor = 80)`.execute(db);
      await sql`CREATE TABLE location_months (LIKE location_days INCLUDING ALL) WITH (fillfactor = 80)`.execute(db);
      await sql`ALTER TABLE location_months RENAME COLUMN day TO month`.execute(db);
      await sql`CREATE TABLE location_month_sales (LIKE location_day_sales INCLUDING ALL) WITH (fillfactor = 80)`.execute(db);
      await sql`ALTER TABLE location_month_sales RENAME COLUMN day TO month`.execute(db);
      await sql`DROP INDEX resolutions_by_location_day`.execute(db);
      await sql`CREATE INDEX resolutions_by_location_day ON resolutions (location_id, day) INCLUDE (seconds)`.execute(db);
      await sql`CREATE INDEX resolutions_by_day ON resolutions (day) INCLUDE (location_id, seconds)`.execute(db);
    },
  },
  {
    // The network ranking's median resolution time per location reads the middle of this index, in
    // order, instead of sorting every resolution of the period. An index only: the rows keep their meaning.
    id: '0003-resolutions-by-location-seconds',
    async up(db: Kysely<unknown>) {
      await sql`CREATE INDEX resolutions_by_location_seconds ON resolutions (location_id, seconds) INCLUDE (day)`.execute(db);
    },
  },
  {
    // Version 3: each day's, ISO week's and month's median resolution time, kept as resolutions come,
    // so that a query reads a bucket's median instead of every resolution in it (a year of the busiest
    // location was 6,545 of them).
    id: '0004-resolution-medians',
    async up(db: Kysely<unknown>) {
      await sql`
        CREATE TABLE resolution_medians (
          location_id text NOT NULL,
          granularity text NOT NULL CHECK (granularity IN ('day', 'week', 'month')),
          start date NOT NULL,
          median_seconds double precision NOT NULL,
          PRIMARY KEY (location_id, granularity, start)
        ) WITH (fillfactor = 80)`.execute(db);
    },
  },
  {
    // Version 4: a location's sales in its registered currency on its day and month rows, beside the
    // counters, so that location_days and location_months read one row each instead of joining the
    // sales by currency; sales in any other currency wait in location_day_other_sales (usually empty)
    // until a registration gives the location that currency. Written to move the rows of a filled build too.
    id: '0005-own-currency-sales-on-day-rows',
    async up(db: Kysely<unknown>) {
      for (const table of ['location_days', 'location_months']) {
        await sql`
          ALTER TABLE ${sql.table(table)}
            ADD COLUMN purchases integer NOT NULL DEFAULT 0,
            ADD COLUMN gross_minor bigint NOT NULL DEFAULT 0,
            ADD COLUMN refunds integer NOT NULL DEFAULT 0,
            ADD COLUMN refunded_minor bigint NOT NULL DEFAULT 0`.execute(db);
      }
      await sql`
        UPDATE location_days d SET purchases = s.purchases, gross_minor = s.gross_minor, refunds = s.refunds, refunded_minor = s.refunded_minor
        FROM location_day_sales s JOIN locations l ON l.location_id = s.location_id AND l.currency = s.currency
        WHERE d.location_id = s.location_id AND d.day = s.day`.execute(db);
      await sql`
        UPDATE location_months m SET purchases = s.purchases, gross_minor = s.gross_minor, refunds = s.refunds, refunded_minor = s.refunded_minor
        FROM location_month_sales s JOIN locations l ON l.location_id = s.location_id AND l.currency = s.currency
        WHERE m.location_id = s.location_id AND m.month = s.month`.execute(db);
      await sql`DELETE FROM location_day_sales s USING locations l WHERE l.location_id = s.location_id AND l.currency = s.currency`.execute(db);
      await sql`ALTER TABLE location_day_sales RENAME TO location_day_other_sales`.execute(db);
      await sql`ALTER INDEX location_day_sales_pkey RENAME TO location_day_other_sales_pkey`.execute(db);
      await sql`DROP TABLE location_month_sales`.execute(db);
      // The ranking's partial months read every location's days through this index. One location's
      // period must not: a generic plan of a prepared statement cannot see how narrow the period is, and
      // still chose this index over the primary key, so those queries bound the period by a row
      // comparison only the primary key can serve (rowsInPeriod in performance-query.ts).
      await sql`DROP INDEX location_days_by_day`.execute(db);
      await sql`CREATE INDEX location_days_by_day ON location_days (day, location_id)`.execute(db);
    },
  },
  {
    // The by-day answer reads a year of one location's day medians: 365 rows, written as resolutions
    // came, so scattered over the table (143 pages for the busiest location). The primary key now
    // carries the median, and they come from the index alone; a by-day statement took 0.1 to 0.25 ms
    // less. The price: updating a median changes the index, so it is no longer a HOT update (a small
    // table, a row per location and day, week or month). An index only: the rows keep their meaning.
    id: '0006-resolution-medians-key-carries-median',
    async up(db: Kysely<unknown>) {
      await sql`CREATE UNIQUE INDEX resolution_medians_key ON resolution_medians (location_id, granularity, start) INCLUDE (median_seconds)`.execute(db);
      // USING INDEX renames it resolution_medians_pkey.
      await sql`ALTER TABLE resolution_medians DROP CONSTRAINT resolution_medians_pkey, ADD CONSTRAINT resolution_medians_pkey PRIMARY KEY USING INDEX resolution_medians_key`.execute(db);
    },
  },
];
