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
];
