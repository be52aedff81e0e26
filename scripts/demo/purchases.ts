import { DEMO_DAYS, type DemoCalendar } from './calendar';
import { ADD_ONS, CATALOGUE, unitPriceMinor, type Sku } from './catalogue';
import { commands, type DemoCommand } from './commands';
import type { DemoCustomer, Habit } from './customers';
import type { NextId } from './ids';
import { DEMO_LOCATIONS, SEASONALITY, type DemoLocation } from './network';
import type { Random } from './random';

// A customer's purchases over the year (seasonal, mostly on weekdays, mostly at home) and the refunds
// some of them get: a refund never exceeds what is left of its purchase.

export interface DrawnPurchase {
  readonly purchaseId: string;
  readonly location: DemoLocation;
  readonly day: number;
  readonly at: number;
  readonly amountMinor: number;
  readonly command: DemoCommand;
  /** Refunded so far, kept by the generator so later refunds (after a complaint) stay within the rest. */
  refundedMinor: number;
}

const WEEKDAY = [0.2, 1.1, 1.1, 1.1, 1.1, 1.1, 0.7];
const MAIN_SKUS: Record<Habit, Readonly<Partial<Record<Sku, number>>>> = {
  regular: { 'standard-clean': 85, 'deep-clean': 10, 'window-clean': 5 },
  frequent: { 'standard-clean': 55, 'deep-clean': 25, 'window-clean': 20 },
  occasional: { 'deep-clean': 35, 'window-clean': 25, 'carpet-clean': 20, 'oven-clean': 10, 'standard-clean': 10 },
  'one-off': { 'move-out-clean': 45, 'deep-clean': 40, 'carpet-clean': 15 },
  lapsed: { 'standard-clean': 60, 'deep-clean': 25, 'window-clean': 15 },
};
const REFUND_REASONS = ['streaks left on the windows', 'visit cut short', 'charged twice', 'oven not done as agreed', 'arrived an hour late', 'goodwill'];

/** The days a customer buys on: a Poisson process thinned by season and weekday, plus `extraDays` (campaign conversions). */
export function purchaseDays(customer: DemoCustomer, calendar: DemoCalendar, random: Random, extraDays: readonly number[]): number[] {
  const season = SEASONALITY[customer.home.region]!;
  const days = new Set(extraDays);
  if (customer.habit === 'one-off') {
    days.add(customer.firstDay + random.int(0, Math.min(6, DEMO_DAYS - 1 - customer.firstDay)));
  } else {
    // The first purchase is what makes them a customer; regulars also bought before the year began.
    if (customer.firstDay > 0) days.add(customer.firstDay);
    for (let day = customer.firstDay; day <= customer.lastDay; day++) {
      const rate = (season[calendar.month(day)]! * WEEKDAY[calendar.weekday(day)]!) / customer.meanGapDays;
      if (random.chance(rate)) days.add(day);
    }
  }
  return [...days].sort((a, b) => a - b);
}

export function drawPurchase(customer: DemoCustomer, day: number, calendar: DemoCalendar, random: Random, nextId: NextId): DrawnPurchase {
  const visiting = DEMO_LOCATIONS.filter((l) => l !== customer.home && l.openedOnDay <= day);
  const location = !customer.showcase && random.chance(0.04) && visiting.length > 0 ? random.pick(visiting) : customer.home;
  const main = random.weighted(MAIN_SKUS[customer.habit]);
  const skus = [main];
  if (random.chance(0.3)) skus.push(random.pick(ADD_ONS.filter((sku) => sku !== main)));
  const lines = skus.map((sku) => ({
    sku,
    description: CATALOGUE[sku].description,
    quantity: quantityOf(sku, customer, random),
    unitPriceMinor: unitPriceMinor(sku, location),
  }));
  const amountMinor = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  const at = calendar.at(day, random.int(8, 17), random.int(0, 59), location.timezone);
  const purchaseId = nextId('order');
  return {
    purchaseId,
    location,
    day,
    at,
    amountMinor,
    refundedMinor: 0,
    command: commands.recordPurchase(customer.customerId, at, { purchaseId, locationId: location.locationId, amountMinor, currency: location.currency, lines }),
  };
}

/** Hours follow the home's size, give or take one now and then; other items are counted. */
function quantityOf(sku: Sku, customer: DemoCustomer, random: Random): number {
  const { hours, maxQuantity } = CATALOGUE[sku];
  if (hours === undefined) return random.int(1, maxQuantity);
  return Math.max(1, customer.homeHours + hours + (random.chance(0.25) ? random.pick([-1, 1]) : 0));
}

/** A refund of at most what is left of the purchase (none when nothing is left or `at` is not yet past). */
export function refund(
  customerId: string,
  purchase: DrawnPurchase,
  at: number,
  share: number,
  reason: string,
  calendar: DemoCalendar,
  nextId: NextId,
): DemoCommand | undefined {
  const remaining = purchase.amountMinor - purchase.refundedMinor;
  const step = purchase.location.priceStep * 100;
  const amountMinor = Math.min(remaining, Math.max(step, Math.round((purchase.amountMinor * share) / step) * step));
  if (amountMinor < 1 || !calendar.isPast(at)) return undefined;
  purchase.refundedMinor += amountMinor;
  return commands.issueRefund(customerId, at, { refundId: nextId('refund'), purchaseId: purchase.purchaseId, amountMinor, reason });
}

/** The refunds a purchase gets for its own sake (not after a complaint): about one in twenty, or surely when `force`d. */
export function spontaneousRefunds(customer: DemoCustomer, purchase: DrawnPurchase, calendar: DemoCalendar, random: Random, nextId: NextId, force = false): DemoCommand[] {
  if (!force && !random.chance(0.05)) return [];
  const later = (days: number) => calendar.at(purchase.day + days, random.int(9, 16), random.int(0, 59), purchase.location.timezone);
  const full = random.chance(0.35);
  const first = refund(customer.customerId, purchase, later(random.int(1, 10)), full ? 1 : 0.1 + random.next() * 0.4, random.pick(REFUND_REASONS), calendar, nextId);
  if (first === undefined) return [];
  const second = !full && random.chance(0.1) ? refund(customer.customerId, purchase, later(random.int(11, 20)), 0.2, 'goodwill', calendar, nextId) : undefined;
  return second === undefined ? [first] : [first, second];
}
