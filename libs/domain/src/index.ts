export { DomainRuleViolation, EntityAlreadyExists, EntityNotFound, type EntityKind } from './errors';
export { foldEvents, type Decider, type FoldingDecider } from './decider';
export { customerStreamId, locationStreamId } from './streams';
export { EVENT_SCHEMA_VERSIONS } from './event-schema-versions';
export {
  createEventParser,
  EventParseError,
  type EventCatalog,
  type EventIssue,
  type EventOf,
  type Upcaster,
  type UpcasterTable,
} from './upcasting';
export * from './shared/schemas';
export { utcDayOf } from './shared/calendar-day';

export type * from './customer/customer.events';
export * from './customer/customer.commands';
export { initialCustomerState, type ComplaintState, type CustomerState, type CustomerTotals, type IdKind, type PurchaseState } from './customer/customer.state';
export { locationIdsOf, type CustomerContext } from './customer/customer.context';
export { CUSTOMER_EVENT_SCHEMA_VERSIONS, customerEventDataSchemas } from './customer/customer-event-schemas';
export { parseCustomerEvent } from './customer/parse-customer-event';
export { customerDecider } from './customer/customer.decider';

export type * from './location/location.events';
export * from './location/location.commands';
export { initialLocationState, type LocationState } from './location/location.state';
export { LOCATION_EVENT_SCHEMA_VERSIONS, locationEventDataSchemas } from './location/location-event-schemas';
export { parseLocationEvent } from './location/parse-location-event';
export { locationDecider } from './location/location.decider';
