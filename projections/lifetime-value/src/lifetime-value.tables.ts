import type { ColumnType } from 'kysely';

/** A bigint column: pg returns int8 as a string; we write numbers. */
type Int8 = ColumnType<string, number, number>;
/** A timestamptz column: read as a Date, written as a Date. */
type Timestamp = ColumnType<Date, Date, Date>;

/** Money totals shared by a customer's values per currency and per location. Amounts in minor units. */
interface MoneyTotalsColumns {
  currency: string;
  orders: number;
  gross_minor: Int8;
  refunded_minor: Int8;
  /** gross − refunded. */
  net_revenue_minor: Int8;
  first_purchase_at: Timestamp | null;
  last_purchase_at: Timestamp | null;
}

/** The build's own tables, as apply writes them (see lifetime-value.migrations.ts). */
export interface LifetimeValueTables {
  customers: { customer_id: string; home_location_id: string; registered_at: Timestamp };
  customer_values: MoneyTotalsColumns & { customer_id: string };
  customer_locations: MoneyTotalsColumns & { customer_id: string; location_id: string };
  purchases: {
    customer_id: string;
    purchase_id: string;
    currency: string;
    location_id: string;
    occurred_at: Timestamp;
    /** The UTC calendar day of occurred_at, 'YYYY-MM-DD': the models' unit of a transaction. */
    purchase_day: string;
    amount_minor: Int8;
    refunded_minor: Int8;
  };
}

type ReadOnly<T> = ColumnType<T, never, never>;

/** The analytics views over the live build (see lifetime-value.views.ts), as queries and the model refresh read them. */
export interface LifetimeValueViews {
  'analytics.lifetime_value_customers': { customer_id: string; home_location_id: string; registered_at: ReadOnly<Date> };
  'analytics.lifetime_value_customer_values': {
    customer_id: string;
    currency: string;
    orders: ReadOnly<number>;
    gross_minor: ReadOnly<string>;
    refunded_minor: ReadOnly<string>;
    net_revenue_minor: ReadOnly<string>;
    average_order_value_minor: ReadOnly<string | null>;
    first_purchase_at: ReadOnly<Date | null>;
    last_purchase_at: ReadOnly<Date | null>;
  };
  'analytics.lifetime_value_customer_locations': {
    customer_id: string;
    location_id: string;
    currency: string;
    orders: ReadOnly<number>;
    net_revenue_minor: ReadOnly<string>;
    first_purchase_at: ReadOnly<Date | null>;
    last_purchase_at: ReadOnly<Date | null>;
  };
  'analytics.lifetime_value_purchase_days': {
    customer_id: string;
    currency: string;
    /** 'YYYY-MM-DD' when selected as text. */
    day: ReadOnly<string>;
    purchases: ReadOnly<number>;
    gross_minor: ReadOnly<string>;
    refunded_minor: ReadOnly<string>;
    net_minor: ReadOnly<string>;
  };
}
