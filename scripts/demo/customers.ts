import { DEMO_DAYS } from './calendar';
import { contactDetails, type ContactDetails } from './names';
import { DEMO_LOCATIONS, type DemoLocation } from './network';
import { randomFor } from './random';

// Who the customers are, before any of their year is drawn: contact details, home location, and the
// habit that sets how often they buy. Nothing here depends on the load's date, so a re-run finds the
// same people.

export type Habit = 'regular' | 'frequent' | 'occasional' | 'one-off' | 'lapsed';

export interface DemoCustomer {
  readonly index: number;
  readonly customerId: string;
  readonly home: DemoLocation;
  readonly contact: { readonly name: string; readonly email?: string; readonly phone?: string };
  readonly habit: Habit;
  /** Hours a standard clean of their home takes: what sets their spend apart from other customers'. */
  readonly homeHours: number;
  /** Mean days between purchases. */
  readonly meanGapDays: number;
  /** The demo days (0 .. DEMO_DAYS - 1) between which they buy: new customers join during the year, lapsed ones stop. */
  readonly firstDay: number;
  readonly lastDay: number;
  readonly consents: { readonly email: boolean; readonly sms: boolean; readonly phone: boolean };
  /** The customers the analyst examples point at get a fuller year: a refund, a reopened complaint, surveys. */
  readonly showcase: boolean;
}

const HABITS: Record<Habit, number> = { regular: 12, frequent: 20, occasional: 38, 'one-off': 22, lapsed: 8 };
const GAP_DAYS: Record<Habit, [number, number]> = { regular: [14, 28], frequent: [35, 70], occasional: [90, 180], 'one-off': [365, 365], lapsed: [21, 60] };

export const customerId = (index: number): string => `demo-c${String(index).padStart(4, '0')}`;

/** Customers 1 .. count; the first two are the showcase ones (Oslo and New York). */
export function demoCustomers(seed: string, count: number): DemoCustomer[] {
  return Array.from({ length: count }, (_, i) => demoCustomer(seed, i + 1));
}

function demoCustomer(seed: string, index: number): DemoCustomer {
  const random = randomFor(seed, 'customer', index);
  const showcase = SHOWCASE[index];
  const homeId = random.weighted(HOME_WEIGHTS);
  const home = showcase?.home ?? DEMO_LOCATIONS.find((l) => l.locationId === homeId)!;
  const drawn: ContactDetails = contactDetails(random, home.locale, index);
  const contact = showcase?.contact ?? {
    name: drawn.name,
    ...(random.chance(0.92) && { email: drawn.email }),
    ...(random.chance(0.8) && { phone: drawn.phone }),
  };
  const habit: Habit = showcase ? 'regular' : random.weighted(HABITS);
  const [minGap, maxGap] = GAP_DAYS[habit];
  const isNew = habit === 'one-off' || random.chance(0.4);
  const firstDay = Math.max(home.openedOnDay, showcase ? 0 : isNew ? random.int(0, DEMO_DAYS - 8) : 0);
  const lastDay = habit === 'lapsed' ? Math.min(DEMO_DAYS - 1, firstDay + random.int(60, 250)) : DEMO_DAYS - 1;
  return {
    index,
    customerId: customerId(index),
    home,
    contact,
    habit,
    homeHours: showcase ? 4 : Number(random.weighted({ 2: 20, 3: 35, 4: 25, 5: 12, 6: 8 })),
    meanGapDays: random.int(minGap, maxGap),
    firstDay,
    lastDay,
    consents: showcase
      ? { email: true, sms: true, phone: true }
      : {
          email: contact.email !== undefined && random.chance(0.8),
          sms: contact.phone !== undefined && random.chance(0.45),
          phone: contact.phone !== undefined && random.chance(0.35),
        },
    showcase: showcase !== undefined,
  };
}

const HOME_WEIGHTS = Object.fromEntries(DEMO_LOCATIONS.map((l) => [l.locationId, l.weight])) as Record<string, number>;

const at = (locationId: string) => DEMO_LOCATIONS.find((l) => l.locationId === locationId)!;
const SHOWCASE: Record<number, { home: DemoLocation; contact: ContactDetails }> = {
  1: { home: at('oslo-sentrum'), contact: { name: 'Ingrid Bakke', email: 'ingrid.bakke@example.no', phone: '+47 912 34 567' } },
  2: { home: at('new-york-brooklyn'), contact: { name: 'Maya Thompson', email: 'maya.thompson@example.com', phone: '+1 (718) 555-0142' } },
};
