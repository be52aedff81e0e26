import type { Kysely } from 'kysely';
import { CONSENT_CHANNELS, type ConsentChannel } from '@ledgerline/domain';
import type { CustomerProfileViews } from './customer-profile.tables';
import type { ValueTier } from './value-tiers';

// The profile as the HTTP layer returns it. Reads the analytics views, which follow rebuild swaps.

export interface CustomerProfile {
  readonly customerId: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly homeLocationId: string | null;
  readonly registeredAt: string | null;
  /** Every channel; `changedAt` null for a channel the customer was never asked about (not given). */
  readonly consents: Record<ConsentChannel, { readonly given: boolean; readonly changedAt: string | null }>;
  /** By key. */
  readonly preferences: { readonly key: string; readonly value: string; readonly recordedAt: string }[];
  /** Oldest first. */
  readonly openComplaints: {
    readonly complaintId: string;
    readonly category: string;
    readonly severity: string;
    readonly channel: string;
    readonly locationId: string;
    readonly openedAt: string;
    readonly reopenedAt: string | null;
  }[];
  /** The latest call or email. */
  readonly lastInteractionAt: string | null;
  /** By currency, minor units, purchases − refunds. */
  readonly netRevenue: { readonly currency: string; readonly amountMinor: number }[];
  readonly valueTier: ValueTier;
}

/** The customer's profile, or undefined when no event of theirs has been projected. */
export async function customerProfile<DB>(database: Kysely<DB>, customerId: string): Promise<CustomerProfile | undefined> {
  const db = database as unknown as Kysely<CustomerProfileViews>;
  const [profile, complaints] = await Promise.all([
    db.selectFrom('analytics.customer_profiles').selectAll().where('customer_id', '=', customerId).executeTakeFirst(),
    db
      .selectFrom('analytics.customer_profile_open_complaints')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('opened_at')
      .orderBy('complaint_id')
      .execute(),
  ]);
  if (profile === undefined) return undefined;
  const consents = new Map(Object.entries(profile.consents));
  return {
    customerId: profile.customer_id,
    name: profile.name,
    email: profile.email,
    phone: profile.phone,
    homeLocationId: profile.home_location_id,
    registeredAt: profile.registered_at?.toISOString() ?? null,
    consents: Object.fromEntries(
      CONSENT_CHANNELS.map((channel) => {
        const consent = consents.get(channel);
        return [channel, { given: consent?.given ?? false, changedAt: consent?.changedAt ?? null }];
      }),
    ) as CustomerProfile['consents'],
    preferences: Object.entries(profile.preferences)
      .map(([key, { value, recordedAt }]) => ({ key, value, recordedAt }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    openComplaints: complaints.map((c) => ({
      complaintId: c.complaint_id,
      category: c.category,
      severity: c.severity,
      channel: c.channel,
      locationId: c.location_id,
      openedAt: c.opened_at.toISOString(),
      reopenedAt: c.reopened_at?.toISOString() ?? null,
    })),
    lastInteractionAt: profile.last_interaction_at?.toISOString() ?? null,
    netRevenue: Object.entries(profile.net_revenue)
      .map(([currency, amountMinor]) => ({ currency, amountMinor }))
      .sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    valueTier: profile.value_tier as ValueTier,
  };
}
