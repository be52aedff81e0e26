import type { UpcasterTable } from '../upcasting';
import type { CustomerEventType } from './customer.events';

// Every customer event is still at version 1. When a shape changes, bump its version in
// customer-event-schemas.ts and add here the function that leaves the old one, e.g. `CallLogged: { 1: v1ToV2 }`.
export const customerUpcasters: UpcasterTable<CustomerEventType> = {};
