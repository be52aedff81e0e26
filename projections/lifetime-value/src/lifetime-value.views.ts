import type { AnalyticsView } from '@ledgerline/read-models';

export const lifetimeValueViews: readonly AnalyticsView[] = [
  {
    name: 'lifetime_value_customers',
    select: 'SELECT customer_id, home_location_id, registered_at FROM customers',
    description: 'Registered customers with their home location (the location that acquired them) and registration time.',
  },
  {
    name: 'lifetime_value_customer_values',
    select: `SELECT customer_id, currency, orders, gross_minor, refunded_minor, net_revenue_minor,
        CASE WHEN orders > 0 THEN round(net_revenue_minor::numeric / orders)::bigint END AS average_order_value_minor,
        first_purchase_at, last_purchase_at
      FROM customer_values`,
    description:
      'Historical value of each customer per currency, in minor units: gross purchases, refunds, net revenue (gross − refunds), orders (purchases), average order value (net revenue / orders, rounded half away from zero), first and last purchase.',
  },
  {
    name: 'lifetime_value_customer_locations',
    select: `SELECT customer_id, location_id, currency, orders, gross_minor, refunded_minor, net_revenue_minor, first_purchase_at, last_purchase_at
      FROM customer_locations`,
    description: 'Which locations each customer bought from, with orders and net revenue (minor units) at that location.',
  },
  {
    name: 'lifetime_value_purchase_days',
    select: `SELECT customer_id, currency, purchase_day AS day, count(*)::integer AS purchases,
        sum(amount_minor)::bigint AS gross_minor, sum(refunded_minor)::bigint AS refunded_minor,
        sum(amount_minor - refunded_minor)::bigint AS net_minor
      FROM purchases
      GROUP BY customer_id, currency, purchase_day`,
    description:
      'Purchases per customer, currency and UTC calendar day, the unit of a transaction for the BG/NBD and Gamma-Gamma models (CDNOW convention): refunds are netted against the day of the purchase they refund; a day with net_minor = 0 (fully refunded) is not a transaction.',
  },
];
