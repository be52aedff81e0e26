import { demoCalendar } from './calendar';
import type { DemoCommand } from './commands';
import { demoCustomers, type DemoCustomer } from './customers';
import { customerHistory, registration } from './history';
import { anchorRegisteredAt, newestRegisteredAt } from './registration-times';

// The whole load, in the order it is sent. The first customer's registration is sent on its own
// before the rest (its registration time, a year before the anchor, records the anchor the year ends
// at); the last customer, the newest, registers after everything else succeeded, so finding them means
// the demo is complete.

export interface CustomerQueue {
  readonly customerId: string;
  /** Sent one after the other; `firstIndex` numbers the first for its Idempotency-Key. */
  readonly commands: readonly DemoCommand[];
  readonly firstIndex: number;
}

export interface DemoPlan {
  readonly queues: readonly CustomerQueue[];
  readonly marker: DemoCommand;
  readonly markerIndex: number;
  /** Commands in the queues plus the marker. */
  readonly total: number;
}

export function demoPeople(seed: string, count: number): { anchor: DemoCustomer; everyone: DemoCustomer[]; newest: DemoCustomer } {
  const everyone = demoCustomers(seed, count);
  return { anchor: everyone[0]!, everyone, newest: everyone[everyone.length - 1]! };
}

export const anchorRegistration = (anchor: DemoCustomer, anchorMs: number): DemoCommand => registration(anchor, anchorRegisteredAt(anchorMs));

export function planDemo(seed: string, count: number, anchorMs: number): DemoPlan {
  const { everyone, anchor, newest } = demoPeople(seed, count);
  const calendar = demoCalendar(anchorMs);
  const queues: CustomerQueue[] = [];
  let index = 0;
  for (const customer of everyone) {
    if (customer === newest) break;
    const history = customerHistory(seed, customer, calendar, customer === anchor ? anchorRegisteredAt(anchorMs) : undefined);
    const commands = customer === anchor ? history.year : [history.registration, ...history.year];
    queues.push({ customerId: customer.customerId, commands, firstIndex: index });
    index += commands.length;
  }
  return { queues, marker: registration(newest, newestRegisteredAt(calendar)), markerIndex: index, total: index + 1 };
}
