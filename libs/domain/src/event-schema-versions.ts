import { CUSTOMER_EVENT_SCHEMA_VERSIONS } from './customer/customer-event-schemas';
import type { CustomerEvent } from './customer/customer.events';
import { LOCATION_EVENT_SCHEMA_VERSIONS } from './location/location-event-schemas';
import type { LocationEvent } from './location/location.events';

/** The version written into each new event's metadata; parse* upcasts anything older. */
export const EVENT_SCHEMA_VERSIONS: Record<CustomerEvent['type'] | LocationEvent['type'], number> = {
  ...CUSTOMER_EVENT_SCHEMA_VERSIONS,
  ...LOCATION_EVENT_SCHEMA_VERSIONS,
};
