import { sql, type Kysely } from 'kysely';
import type { ProjectionMigration } from '@ledgerline/read-models';

// Money is bigint minor units; times are timestamptz. Tables are named without a schema: migrations
// run inside the build's own schema.

const moneyTotals = sql.raw(`
  currency text NOT NULL,
  orders integer NOT NULL,
  gross_minor bigint NOT NULL,
  refunded_minor bigint NOT NULL,
  net_revenue_minor bigint NOT NULL,
  first_purchase_at timestamptz,
  last_purchase_at timestamptz`);

export const lifetimeValueMigrations: readonly ProjectionMigration[] = [
  {
    id: '0001-lifetime-value',
    async up(db: Kysely<unknown>) {
      await sql`
        CREATE TABLE customers (
          customer_id text PRIMARY KEY,
          home_location_id text NOT NULL,
          registered_at timestamptz NOT NULL
        )`.execute(db);
      await sql`
        CREATE TABLE customer_values (
          customer_id text NOT NULL,
          ${moneyTotals},
          PRIMARY KEY (customer_id, currency)
        )`.execute(db);
      // topCustomers: the highest net revenue in a currency first.
      await sql`CREATE INDEX customer_values_by_revenue ON customer_values (currency, net_revenue_minor DESC, customer_id)`.execute(db);
      await sql`
        CREATE TABLE customer_locations (
          customer_id text NOT NULL,
          location_id text NOT NULL,
          ${moneyTotals},
          PRIMARY KEY (customer_id, location_id)
        )`.execute(db);
      await sql`CREATE INDEX customer_locations_by_location ON customer_locations (location_id, customer_id)`.execute(db);
      // One row per purchase: a refund names its purchase, and is netted against that purchase's day.
      await sql`
        CREATE TABLE purchases (
          customer_id text NOT NULL,
          purchase_id text NOT NULL,
          currency text NOT NULL,
          location_id text NOT NULL,
          occurred_at timestamptz NOT NULL,
          purchase_day date NOT NULL,
          amount_minor bigint NOT NULL,
          refunded_minor bigint NOT NULL,
          PRIMARY KEY (customer_id, purchase_id)
        )`.execute(db);
    },
  },
  {
    // topCustomers reads its rankings by net revenue from this index, in order, and stops after its limit.
    // The included columns are all it shows of a value row, so a ranking the planner joins to a filter (a
    // segment's scores) reads the index alone, and one across currencies merges the currencies' heads.
    id: '0002-top-customer-rankings',
    async up(db: Kysely<unknown>) {
      await sql`DROP INDEX customer_values_by_revenue`.execute(db);
      await sql`CREATE INDEX customer_values_by_revenue ON customer_values (currency, net_revenue_minor DESC, customer_id) INCLUDE (orders, last_purchase_at)`.execute(db);
    },
  },
];
