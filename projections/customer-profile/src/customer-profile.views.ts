import type { AnalyticsView } from '@ledgerline/read-models';

export const customerProfileViews: readonly AnalyticsView[] = [
  {
    name: 'customer_profiles',
    select: `SELECT customer_id, name, email, phone, home_location_id, registered_at, consents, preferences, last_interaction_at, net_revenue, value_tier
      FROM customer_profiles`,
    description:
      'What an agent sees of a customer: current contact details, home location, consents per channel ({"email": {"given": true, "changedAt": ...}}), preferences ({"key": {"value": ..., "recordedAt": ...}}), last call or email, net revenue per currency in minor units ({"NOK": 12550}) and value tier (none, bronze, silver, gold, platinum).',
  },
  {
    name: 'customer_profile_open_complaints',
    select: `SELECT customer_id, complaint_id, category, severity, channel, location_id, opened_at, reopened_at, reopen_count
      FROM complaints WHERE status = 'open'`,
    description: 'Complaints not resolved, or reopened since their resolution: one row per complaint; opened_at is when it was first opened.',
  },
];
