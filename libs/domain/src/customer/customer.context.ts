import { own } from '../shared/own';
import type { LocationState } from '../location/location.state';
import type { CustomerCommand } from './customer.commands';
import type { CustomerState } from './customer.state';

/** What a customer decision needs beyond its own stream, loaded by the caller. */
export interface CustomerContext {
  /** ISO 8601 UTC; the time of events whose command carries none. */
  now: string;
  /** Every location the command names (see locationIdsOf); a missing or unregistered one is EntityNotFound. */
  locations: Readonly<Record<string, LocationState | undefined>>;
}

/** Which locations the caller must load into the context before deciding `command`. */
export function locationIdsOf(command: CustomerCommand, state: CustomerState): string[] {
  switch (command.type) {
    case 'RegisterCustomer':
      return [command.homeLocationId];
    case 'LogCall':
    case 'RecordPurchase':
    case 'OpenComplaint':
    case 'RecordSatisfaction':
      return [command.locationId];
    case 'LogEmail':
      return command.locationId === undefined ? [] : [command.locationId];
    case 'IssueRefund': {
      const purchase = own(state.purchases, command.purchaseId);
      return purchase ? [purchase.locationId] : [];
    }
    default:
      return [];
  }
}
