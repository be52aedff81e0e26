import type { ColumnType } from 'kysely';

/** bigint and numeric columns: pg returns them as strings. */
type Int8 = ColumnType<string, never, never>;
/** A date column, read through the views only as text (see performance-query.ts). */
type DayColumn = ColumnType<Date, never, never>;

// The build's own tables (see performance-migrations.ts); apply writes them with raw SQL over unnest
// arrays, so these types document them rather than drive a query builder.
export interface LocationPerformanceTables {
  locations: { location_id: string; name: string; region: string; currency: string; timezone: string | null; registered_at: Date };
  /** Counters, and the sales in the location's registered currency (none while it is not registered). */
  location_days: {
    location_id: string;
    day: DayColumn;
    purchases: number;
    gross_minor: Int8;
    refunds: number;
    refunded_minor: Int8;
    new_customers: number;
    repeat_customers: number;
    calls: number;
    emails: number;
    complaints_opened: number;
    complaints_resolved: number;
    resolved_first_contact: number;
    promoters: number;
    passives: number;
    detractors: number;
  };
  /** Sales in any currency but the location's registered one (every currency while it is not registered). */
  location_day_other_sales: { location_id: string; day: DayColumn; currency: string; purchases: number; gross_minor: Int8; refunds: number; refunded_minor: Int8 };
  /** location_days added up per month (`month`: its first day). */
  location_months: Omit<LocationPerformanceTables['location_days'], 'day'> & { month: DayColumn };
  customer_locations: { location_id: string; customer_id: string; first_purchase_day: DayColumn; purchase_days: ColumnType<Date[], never, never> };
  repeat_links: { location_id: string; prev_day: DayColumn; day: DayColumn; customer_id: string };
  repeat_link_months: { location_id: string; month: DayColumn; prev_month: DayColumn; links: number };
  repeat_link_weeks: { location_id: string; week: DayColumn; links: number };
  /** percentile_cont(0.5) of the resolution times of each day, ISO week (from its Monday) and month (from its 1st). */
  resolution_medians: { location_id: string; granularity: 'day' | 'week' | 'month'; start: DayColumn; median_seconds: number };
  resolutions: {
    event_id: string;
    location_id: string;
    day: DayColumn;
    complaint_id: string;
    customer_id: string;
    opened_at: Date;
    resolved_at: Date;
    seconds: number;
    resolved_on_first_contact: boolean;
  };
}

/** analytics.location_registry */
export interface LocationRegistryView {
  location_id: string;
  name: string;
  region: string;
  currency: string;
  timezone: string | null;
  registered_at: Date;
}

/** analytics.location_days: sales in the location's registered currency only. */
export interface LocationDaysView {
  location_id: string;
  day: DayColumn;
  currency: string | null;
  purchases: number;
  gross_minor: Int8;
  refunds: number;
  refunded_minor: Int8;
  net_revenue_minor: Int8;
  new_customers: number;
  repeat_customers: number;
  calls: number;
  emails: number;
  complaints_opened: number;
  complaints_resolved: number;
  resolved_first_contact: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** analytics.location_months: location_days added up per month. */
export type LocationMonthsView = Omit<LocationDaysView, 'day'> & { month: DayColumn };

/** analytics.location_day_sales: every currency, flagged. */
export interface LocationDaySalesView {
  location_id: string;
  day: DayColumn;
  currency: string;
  purchases: number;
  gross_minor: Int8;
  refunds: number;
  refunded_minor: Int8;
  net_revenue_minor: Int8;
  is_location_currency: boolean;
}

/** analytics.location_customer_days */
export interface LocationCustomerDaysView {
  location_id: string;
  day: DayColumn;
  customer_id: string;
  first_purchase_day: DayColumn;
  is_new: boolean;
  is_repeat: boolean;
}

/** analytics.location_repeat_links */
export interface LocationRepeatLinksView {
  location_id: string;
  customer_id: string;
  prev_day: DayColumn;
  day: DayColumn;
}

/** analytics.location_repeat_link_months */
export interface LocationRepeatLinkMonthsView {
  location_id: string;
  month: DayColumn;
  prev_month: DayColumn;
  links: number;
}

/** analytics.location_repeat_link_weeks */
export interface LocationRepeatLinkWeeksView {
  location_id: string;
  week: DayColumn;
  links: number;
}

/** analytics.location_resolutions */
export interface LocationResolutionsView {
  event_id: string;
  location_id: string;
  day: DayColumn;
  complaint_id: string;
  customer_id: string;
  opened_at: Date;
  resolved_at: Date;
  seconds: number;
  resolved_on_first_contact: boolean;
}

/** analytics.location_resolution_medians */
export interface LocationResolutionMediansView {
  location_id: string;
  granularity: 'day' | 'week' | 'month';
  start: DayColumn;
  median_seconds: number;
}

/** What the query side reads: the analytics views, which follow the live build across rebuilds. */
export interface LocationPerformanceViews {
  'analytics.location_registry': LocationRegistryView;
  'analytics.location_days': LocationDaysView;
  'analytics.location_months': LocationMonthsView;
  'analytics.location_day_sales': LocationDaySalesView;
  'analytics.location_customer_days': LocationCustomerDaysView;
  'analytics.location_repeat_links': LocationRepeatLinksView;
  'analytics.location_repeat_link_months': LocationRepeatLinkMonthsView;
  'analytics.location_repeat_link_weeks': LocationRepeatLinkWeeksView;
  'analytics.location_resolution_medians': LocationResolutionMediansView;
  'analytics.location_resolutions': LocationResolutionsView;
}
