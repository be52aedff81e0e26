import type { FoldingDecider } from '../decider';
import { checkEmittedEvents } from '../emitted-events';
import type { CustomerCommand } from './customer.commands';
import type { CustomerContext } from './customer.context';
import { decideCustomer } from './customer.decide';
import { customerEventDataSchemas } from './customer-event-schemas';
import type { CustomerEvent } from './customer.events';
import { evolveCustomer, foldCustomer } from './customer.evolve';
import { initialCustomerState, type CustomerState } from './customer.state';

export const customerDecider: FoldingDecider<CustomerCommand, CustomerState, CustomerEvent, CustomerContext> = {
  initialState: initialCustomerState,
  decide: (command, state, context) => checkEmittedEvents(customerEventDataSchemas, decideCustomer(command, state, context)),
  evolve: evolveCustomer,
  fold: (events, from = initialCustomerState) => foldCustomer(events, from),
};
