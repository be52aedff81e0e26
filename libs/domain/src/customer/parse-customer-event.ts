import { createEventParser } from '../upcasting';
import { CUSTOMER_EVENT_SCHEMA_VERSIONS, customerEventDataSchemas } from './customer-event-schemas';
import type { CustomerEvent, CustomerEventDataByType } from './customer.events';
import { customerUpcasters } from './customer-upcasters';

const parse = createEventParser<CustomerEventDataByType>({
  schemas: customerEventDataSchemas,
  versions: CUSTOMER_EVENT_SCHEMA_VERSIONS,
  upcasters: customerUpcasters,
});

/** Upcasts stored data to the current version and validates it; throws EventParseError otherwise. */
export const parseCustomerEvent = (type: string, data: unknown, schemaVersion: number): CustomerEvent =>
  parse(type, data, schemaVersion);
