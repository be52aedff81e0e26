import type { ColumnType } from 'kysely';

/** jsonb: read as the parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
/** timestamptz: read as a Date, written as an ISO 8601 string. */
type Timestamp = ColumnType<Date, string, string>;

export interface ConsentJson {
  given: boolean;
  changedAt: string;
}

export interface PreferenceJson {
  value: string;
  recordedAt: string;
}

export interface CustomerProfilesTable {
  customer_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  home_location_id: string | null;
  registered_at: Timestamp | null;
  /** Channel → the latest consent given or withdrawn; channels never asked are absent. */
  consents: Json<Record<string, ConsentJson>>;
  /** Key → value; removed preferences are absent. */
  preferences: Json<Record<string, PreferenceJson>>;
  last_interaction_at: Timestamp | null;
  /** Currency → purchases − refunds, minor units. */
  net_revenue: Json<Record<string, number>>;
  value_tier: string;
}

export interface ComplaintsTable {
  customer_id: string;
  complaint_id: string;
  category: string;
  severity: string;
  channel: string;
  location_id: string;
  opened_at: Timestamp;
  status: string;
  resolved_at: Timestamp | null;
  reopened_at: Timestamp | null;
  reopen_count: number;
}

/** The build's own tables, as apply reads and writes them (see customer-profile.migrations.ts). */
export interface CustomerProfileTables {
  customer_profiles: CustomerProfilesTable;
  complaints: ComplaintsTable;
}

type ReadOnly<T> = ColumnType<T, never, never>;

/** The analytics views over the live build, as the query side reads them. */
export interface CustomerProfileViews {
  'analytics.customer_profiles': {
    customer_id: ReadOnly<string>;
    name: ReadOnly<string | null>;
    email: ReadOnly<string | null>;
    phone: ReadOnly<string | null>;
    home_location_id: ReadOnly<string | null>;
    registered_at: ReadOnly<Date | null>;
    consents: ReadOnly<Record<string, ConsentJson>>;
    preferences: ReadOnly<Record<string, PreferenceJson>>;
    last_interaction_at: ReadOnly<Date | null>;
    net_revenue: ReadOnly<Record<string, number>>;
    value_tier: ReadOnly<string>;
  };
  'analytics.customer_profile_open_complaints': {
    customer_id: ReadOnly<string>;
    complaint_id: ReadOnly<string>;
    category: ReadOnly<string>;
    severity: ReadOnly<string>;
    channel: ReadOnly<string>;
    location_id: ReadOnly<string>;
    opened_at: ReadOnly<Date>;
    reopened_at: ReadOnly<Date | null>;
    reopen_count: ReadOnly<number>;
  };
}
