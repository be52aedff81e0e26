import { DEMO_DAYS, type DemoCalendar } from './calendar';
import type { DemoCustomer } from './customers';
import type { DemoLocation } from './network';
import type { Random } from './random';

// When the network and its customers were registered, in business time: before anything else they
// did, so a timeline starts with the registration rather than with the day the demo was loaded.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The first customer registered exactly a year before the anchor: the API keeps that time, so a re-run
 * reads the anchor back from it (second precision, as the loader sends times).
 */
const ANCHOR_LEAD_MS = DEMO_DAYS * DAY_MS;
export const anchorRegisteredAt = (anchorMs: number): number => anchorMs - ANCHOR_LEAD_MS;
export const anchorOfRegistration = (registeredAtMs: number): number => registeredAtMs + ANCHOR_LEAD_MS;

/** A location open when the year began had been open a year already; one that opened during it took bookings two weeks before. */
export function locationRegisteredAt(location: DemoLocation, calendar: DemoCalendar): number {
  const day = location.openedOnDay === 0 ? -DEMO_DAYS : location.openedOnDay - 14;
  return calendar.at(day, 9, 0, location.timezone);
}

/**
 * A customer who was one already when the year began registered on a day of the year before; one who
 * joined during it, on the day they joined. Either way before their first contact of the year.
 */
export function customerRegisteredAt(customer: DemoCustomer, calendar: DemoCalendar, random: Random, firstContactAt: number | undefined): number {
  const { timezone } = customer.home;
  const joined =
    customer.firstDay === 0
      ? calendar.at(-random.int(1, DEMO_DAYS - 1), random.int(8, 18), random.int(0, 59), timezone)
      : calendar.at(customer.firstDay, random.int(8, 11), random.int(0, 59), timezone);
  return firstContactAt === undefined ? joined : Math.min(joined, firstContactAt - 10 * MINUTE_MS);
}

/** The last customer, whose registration marks a complete load, is the newest: registered as the year ends. */
export const newestRegisteredAt = (calendar: DemoCalendar): number => calendar.anchorMs - MINUTE_MS;
