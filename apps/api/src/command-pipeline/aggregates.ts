import {
  customerDecider,
  customerStreamId,
  locationDecider,
  locationStreamId,
  parseCustomerEvent,
  parseLocationEvent,
  type CustomerCommand,
  type CustomerContext,
  type CustomerEvent,
  type CustomerState,
  type LocationCommand,
  type LocationEvent,
  type LocationState,
} from '@ledgerline/domain';
import type { Aggregate } from './aggregate';

export const customerAggregate: Aggregate<CustomerCommand, CustomerState, CustomerEvent, CustomerContext> = {
  name: 'customer',
  decider: customerDecider,
  streamOf: customerStreamId,
  parseEvent: parseCustomerEvent,
};

export const locationAggregate: Aggregate<LocationCommand, LocationState, LocationEvent, { now: string }> = {
  name: 'location',
  decider: locationDecider,
  streamOf: locationStreamId,
  parseEvent: parseLocationEvent,
};
