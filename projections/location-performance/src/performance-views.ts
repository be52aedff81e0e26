import type { AnalyticsView } from '@ledgerline/read-models';

const DAY_NOTE = 'day: the calendar day in the location\'s time zone (UTC for events applied before the location was registered with one).';

/** What analysts (and performance-query.ts) read: schema `analytics`, rebound to each new live build. */
export const locationPerformanceViews: readonly AnalyticsView[] = [
  {
    name: 'location_registry',
    select: 'SELECT location_id, name, region, currency, timezone, registered_at FROM locations',
    description:
      'Locations of the franchise network as registered: name, region, the one currency each trades in (ISO 4217) and its IANA time zone (null: days are UTC). One row per registered location.',
  },
  {
    name: 'location_days',
    select: `
      SELECT d.location_id, d.day, l.currency, d.purchases, d.gross_minor, d.refunds, d.refunded_minor,
        d.gross_minor - d.refunded_minor AS net_revenue_minor,
        d.new_customers, d.repeat_customers, d.calls, d.emails,
        d.complaints_opened, d.complaints_resolved, d.resolved_first_contact,
        d.promoters, d.passives, d.detractors
      FROM location_days d
      LEFT JOIN locations l ON l.location_id = d.location_id`,
    description: [
      'One row per location and day with activity. Sum the counters over any period.',
      DAY_NOTE,
      'Money in minor units of `currency`, the location\'s registered currency; sales in any other currency (or of an unregistered location) are left out here and listed in location_day_sales.',
      'net_revenue_minor = gross_minor (purchases) - refunded_minor (refunds, counted on the day of the refund). Average ticket = sum(gross_minor) / sum(purchases).',
      'new_customers: customers whose first purchase at the location fell on that day (additive over periods). repeat_customers: customers who purchased that day after an earlier purchase day there; NOT additive: distinct repeat customers over a period = sum(repeat_customers) minus the links of location_repeat_links with both days in the period (see there).',
      'calls; emails (only emails logged with a location); complaints_opened; complaints_resolved, resolved_first_contact (first-contact resolution rate = resolved_first_contact / complaints_resolved; median resolution time from location_resolutions).',
      'promoters (9-10), passives (7-8), detractors (0-6) of satisfaction answers: NPS = 100 * (promoters - detractors) / (promoters + passives + detractors).',
    ].join(' '),
  },
  {
    name: 'location_months',
    select: `
      SELECT m.location_id, m.month, l.currency, m.purchases, m.gross_minor, m.refunds, m.refunded_minor,
        m.gross_minor - m.refunded_minor AS net_revenue_minor,
        m.new_customers, m.repeat_customers, m.calls, m.emails,
        m.complaints_opened, m.complaints_resolved, m.resolved_first_contact,
        m.promoters, m.passives, m.detractors
      FROM location_months m
      LEFT JOIN locations l ON l.location_id = m.location_id`,
    description:
      'location_days added up per location and month (month: its first day), with the same columns: a long period reads its whole months here and only its partial months from location_days. repeat_customers is the sum of the daily figures, not distinct customers.',
  },
  {
    name: 'location_day_sales',
    select: `
      SELECT d.location_id, d.day, l.currency, d.purchases, d.gross_minor, d.refunds, d.refunded_minor,
        d.gross_minor - d.refunded_minor AS net_revenue_minor,
        true AS is_location_currency
      FROM location_days d
      JOIN locations l ON l.location_id = d.location_id
      WHERE d.purchases <> 0 OR d.gross_minor <> 0 OR d.refunds <> 0 OR d.refunded_minor <> 0
      UNION ALL
      SELECT o.location_id, o.day, o.currency, o.purchases, o.gross_minor, o.refunds, o.refunded_minor,
        o.gross_minor - o.refunded_minor AS net_revenue_minor,
        false AS is_location_currency
      FROM location_day_other_sales o`,
    description: [
      'Purchases and refunds per location, day and currency (minor units), never mixing currencies.',
      DAY_NOTE,
      'is_location_currency is false for sales in a currency other than the one the location registered with (bad data: they are kept here, not in location_days) and for locations not registered yet.',
    ].join(' '),
  },
  {
    name: 'location_customer_days',
    select: `
      SELECT cl.location_id, d.day, cl.customer_id, cl.first_purchase_day,
        d.day = cl.first_purchase_day AS is_new,
        d.day > cl.first_purchase_day AS is_repeat
      FROM customer_locations cl
      CROSS JOIN LATERAL unnest(cl.purchase_days) AS d(day)`,
    description: [
      'One row per location, day and customer who purchased there that day.',
      DAY_NOTE,
      'is_new: the day is the customer\'s first purchase day at the location; is_repeat: the customer had purchased there on an earlier day.',
      'Distinct repeat customers over a period: count(DISTINCT customer_id) FILTER (WHERE is_repeat), or faster from location_repeat_links. A customer new on Monday who comes back on Thursday is both new and repeat that week.',
    ].join(' '),
  },
  {
    name: 'location_repeat_links',
    select: 'SELECT location_id, customer_id, prev_day, day FROM repeat_links',
    description: [
      'One row per pair of consecutive repeat days (purchase days after the first) of a customer at a location: prev_day, then day.',
      DAY_NOTE,
      'Distinct repeat customers over from..to = sum(location_days.repeat_customers) over the period minus the links with from <= prev_day and day <= to: a customer with k repeat days in the period has k - 1 links inside it.',
      'For long periods count the whole months from location_repeat_link_months and only the partial months\' links here.',
    ].join(' '),
  },
  {
    name: 'location_repeat_link_months',
    select: 'SELECT location_id, month, prev_month, links FROM repeat_link_months',
    description:
      'location_repeat_links counted per location, month of day and month of prev_day (each the 1st of its month). links with month and prev_month both in a period\'s whole months lie inside it; month = prev_month gives the links inside one month.',
  },
  {
    name: 'location_repeat_link_weeks',
    select: 'SELECT location_id, week, links FROM repeat_link_weeks',
    description:
      'location_repeat_links whose two days fall in the same ISO week, counted per location and week (its Monday): distinct repeat customers of a week = its sum(repeat_customers) - links.',
  },
  {
    name: 'location_resolutions',
    select: 'SELECT event_id, location_id, day, complaint_id, customer_id, opened_at, resolved_at, seconds, resolved_on_first_contact FROM resolutions',
    description: [
      'One row per complaint resolution (a complaint reopened and resolved again has two), counted at the complaint\'s location on the day it was resolved.',
      DAY_NOTE,
      'seconds = resolved_at - opened_at (0 when the services\' clocks put the resolution first). Median over a period: percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds).',
    ].join(' '),
  },
  {
    name: 'location_resolution_medians',
    select: 'SELECT location_id, granularity, start, median_seconds FROM resolution_medians',
    description: [
      'The median resolution time of each location\'s day, ISO week (start: its Monday) and month (start: its 1st) that has resolutions:',
      'percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) of its location_resolutions, kept as they come. Medians do not add up: a period',
      'that is not one whole day, week or month needs the median of its location_resolutions.',
    ].join(' '),
  },
];
