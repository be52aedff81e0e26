import { sql, type Selectable, type Transaction } from 'kysely';
import { writeTogether } from '@ledgerline/read-models';
import type { ConsentChannel, Severity } from '@ledgerline/domain';
import { ProfileRows, type Complaint, type Profile } from './profile-state';
import type { ComplaintsTable, CustomerProfilesTable, CustomerProfileTables } from './customer-profile.tables';
import type { ValueTier } from './value-tiers';

type Tx = Transaction<CustomerProfileTables>;

/** Loads, in one statement per table, the rows a batch touches. */
export async function loadProfileRows(db: Tx, wanted: { customerIds: string[]; complaints: { customerId: string; complaintId: string }[] }): Promise<ProfileRows> {
  const rows = new ProfileRows();
  if (wanted.customerIds.length > 0) {
    const profiles = await db
      .selectFrom('customer_profiles')
      .selectAll()
      .where(sql<boolean>`customer_id = ANY(${wanted.customerIds}::text[])`)
      .execute();
    for (const row of profiles) rows.profiles.set(row.customer_id, profileOf(row));
  }
  if (wanted.complaints.length > 0) {
    const complaints = await db
      .selectFrom('complaints')
      .selectAll()
      .where(
        sql<boolean>`(customer_id, complaint_id) IN (SELECT * FROM unnest(${wanted.complaints.map((c) => c.customerId)}::text[], ${wanted.complaints.map((c) => c.complaintId)}::text[]))`,
      )
      .execute();
    for (const row of complaints) rows.complaints.set(ProfileRows.complaintKey(row.customer_id, row.complaint_id), complaintOf(row));
  }
  return rows;
}

/**
 * Writes back the rows the batch changed: one upsert per table, both in one statement (writeTogether).
 * Profiles travel as one JSON document (their consents, preferences and revenue are JSON already),
 * read as jsonb, which PostgreSQL parses once (json it parses to check, then again for each field);
 * complaints as one array parameter per column (unnest). The statement stays small whatever the batch
 * size.
 */
export async function saveProfileRows(db: Tx, rows: ProfileRows): Promise<void> {
  const profiles = [...rows.changedProfiles].flatMap((id) => {
    const profile = rows.profiles.get(id);
    return profile === undefined ? [] : [profileRow(profile)];
  });
  const complaints = [...rows.changedComplaints].flatMap((key) => {
    const complaint = rows.complaints.get(key);
    return complaint === undefined ? [] : [complaint];
  });
  await writeTogether(db, [profilesWrite(profiles), complaintsWrite(complaints)]);
}

function profilesWrite(profiles: readonly ProfileRow[]) {
  if (profiles.length === 0) return undefined;
  return sql`
    INSERT INTO customer_profiles (customer_id, name, email, phone, home_location_id, registered_at, consents, preferences, last_interaction_at, net_revenue, value_tier)
    SELECT customer_id, name, email, phone, home_location_id, registered_at, consents, preferences, last_interaction_at, net_revenue, value_tier
    FROM jsonb_to_recordset(${JSON.stringify(profiles)}::jsonb) AS r(
      customer_id text, name text, email text, phone text, home_location_id text, registered_at timestamptz,
      consents jsonb, preferences jsonb, last_interaction_at timestamptz, net_revenue jsonb, value_tier text)
    ON CONFLICT (customer_id) DO UPDATE SET
      name = excluded.name, email = excluded.email, phone = excluded.phone, home_location_id = excluded.home_location_id,
      registered_at = excluded.registered_at, consents = excluded.consents, preferences = excluded.preferences,
      last_interaction_at = excluded.last_interaction_at, net_revenue = excluded.net_revenue, value_tier = excluded.value_tier`;
}

function complaintsWrite(complaints: readonly Complaint[]) {
  if (complaints.length === 0) return undefined;
  const column = <K extends keyof Complaint>(key: K) => complaints.map((c) => c[key]);
  return sql`
    INSERT INTO complaints (customer_id, complaint_id, category, severity, channel, location_id, opened_at, status, resolved_at, reopened_at, reopen_count)
    SELECT * FROM unnest(
      ${column('customerId')}::text[], ${column('complaintId')}::text[], ${column('category')}::text[], ${column('severity')}::text[],
      ${column('channel')}::text[], ${column('locationId')}::text[], ${column('openedAt')}::timestamptz[], ${column('status')}::text[],
      ${column('resolvedAt')}::timestamptz[], ${column('reopenedAt')}::timestamptz[], ${column('reopenCount')}::integer[])
    ON CONFLICT (customer_id, complaint_id) DO UPDATE SET
      status = excluded.status, resolved_at = excluded.resolved_at, reopened_at = excluded.reopened_at, reopen_count = excluded.reopen_count`;
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function profileOf(row: Selectable<CustomerProfilesTable>): Profile {
  return {
    customerId: row.customer_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    homeLocationId: row.home_location_id,
    registeredAt: iso(row.registered_at),
    consents: new Map(Object.entries(row.consents).map(([channel, consent]) => [channel as ConsentChannel, consent])),
    preferences: new Map(Object.entries(row.preferences)),
    lastInteractionAt: iso(row.last_interaction_at),
    netRevenueMinor: new Map(Object.entries(row.net_revenue)),
    valueTier: row.value_tier as ValueTier,
  };
}

type ProfileRow = ReturnType<typeof profileRow>;

function profileRow(profile: Profile) {
  return {
    customer_id: profile.customerId,
    name: profile.name,
    email: profile.email,
    phone: profile.phone,
    home_location_id: profile.homeLocationId,
    registered_at: profile.registeredAt,
    // Object.fromEntries defines own properties, so a key such as "__proto__" stays data.
    consents: Object.fromEntries(profile.consents),
    preferences: Object.fromEntries(profile.preferences),
    last_interaction_at: profile.lastInteractionAt,
    net_revenue: Object.fromEntries(profile.netRevenueMinor),
    value_tier: profile.valueTier,
  };
}

function complaintOf(row: Selectable<ComplaintsTable>): Complaint {
  return {
    customerId: row.customer_id,
    complaintId: row.complaint_id,
    category: row.category,
    severity: row.severity as Severity,
    channel: row.channel,
    locationId: row.location_id,
    openedAt: row.opened_at.toISOString(),
    status: row.status as Complaint['status'],
    resolvedAt: iso(row.resolved_at),
    reopenedAt: iso(row.reopened_at),
    reopenCount: row.reopen_count,
  };
}
