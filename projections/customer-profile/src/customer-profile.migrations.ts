import { sql, type Kysely } from 'kysely';
import type { ProjectionMigration } from '@ledgerline/read-models';

export const customerProfileMigrations: readonly ProjectionMigration[] = [
  {
    id: '0001-customer-profile',
    async up(db: Kysely<unknown>) {
      // Nullable contact fields: a profile exists from a customer's first event, even if their
      // registration was parked as a dead letter.
      await sql`
        CREATE TABLE customer_profiles (
          customer_id text PRIMARY KEY,
          name text,
          email text,
          phone text,
          home_location_id text,
          registered_at timestamptz,
          consents jsonb NOT NULL,
          preferences jsonb NOT NULL,
          last_interaction_at timestamptz,
          net_revenue jsonb NOT NULL,
          value_tier text NOT NULL
        )`.execute(db);
      // Every complaint, so that a reopened one comes back with its category and severity.
      await sql`
        CREATE TABLE complaints (
          customer_id text NOT NULL,
          complaint_id text NOT NULL,
          category text NOT NULL,
          severity text NOT NULL,
          channel text NOT NULL,
          location_id text NOT NULL,
          opened_at timestamptz NOT NULL,
          status text NOT NULL CHECK (status IN ('open', 'resolved')),
          resolved_at timestamptz,
          reopened_at timestamptz,
          reopen_count integer NOT NULL,
          PRIMARY KEY (customer_id, complaint_id)
        )`.execute(db);
      await sql`CREATE INDEX complaints_open ON complaints (customer_id, opened_at) WHERE status = 'open'`.execute(db);
    },
  },
];
