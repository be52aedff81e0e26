import type { RegisteredLocation } from './locate-events';

// A location's day rows hold its sales in the currency it is registered with; every other sale waits in
// location_day_other_sales. Which is which depends only on the registered currency at the end of a
// batch, so the batch's own registrations are applied before its sales are placed. Pure.

/** A registration that gives a location a currency other than the stored one (none, until it is registered). */
export interface CurrencyChange {
  readonly locationId: string;
  /** The currency of the stored registration; null when there was none. */
  readonly from: string | null;
  readonly to: string;
}

/** Each location's registered currency once the batch is applied: as stored, then as the batch registers it. */
export function currenciesAfter(stored: ReadonlyMap<string, string>, registrations: Iterable<RegisteredLocation>): Map<string, string> {
  const currencies = new Map(stored);
  for (const { locationId, currency } of registrations) currencies.set(locationId, currency);
  return currencies;
}

/** The batch's registrations whose currency differs from the stored one: their sales change rows. */
export function currencyChanges(stored: ReadonlyMap<string, string>, registrations: Iterable<RegisteredLocation>): CurrencyChange[] {
  const changes: CurrencyChange[] = [];
  for (const { locationId, currency } of registrations) {
    const from = stored.get(locationId) ?? null;
    if (from !== currency) changes.push({ locationId, from, to: currency });
  }
  return changes;
}
