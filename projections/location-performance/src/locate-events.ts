import type { ProjectedEvent } from '@ledgerline/read-models';
import { localDay } from './local-day';
import { pairKey } from './plan-batch';

/** A location as registered: what the `locations` table holds. */
export interface RegisteredLocation {
  readonly locationId: string;
  readonly name: string;
  readonly region: string;
  readonly currency: string;
  readonly timezone: string | null;
  readonly registeredAt: string;
}

/** What an event adds to a location's day, with the day already fixed in the location's time zone. */
export type LocatedFact =
  | { readonly kind: 'purchase'; readonly locationId: string; readonly day: string; readonly customerId: string; readonly currency: string; readonly amountMinor: number }
  | { readonly kind: 'refund'; readonly locationId: string; readonly day: string; readonly currency: string; readonly amountMinor: number }
  | { readonly kind: 'call' | 'email' | 'complaintOpened'; readonly locationId: string; readonly day: string }
  | { readonly kind: 'satisfaction'; readonly locationId: string; readonly day: string; readonly score: number }
  | {
      readonly kind: 'complaintResolved';
      readonly locationId: string;
      readonly day: string;
      readonly eventId: string;
      readonly complaintId: string;
      readonly customerId: string;
      readonly openedAt: string;
      readonly resolvedAt: string;
      readonly firstContact: boolean;
    };

export type LocatedPurchase = Extract<LocatedFact, { kind: 'purchase' }>;

export interface LocatedBatch {
  readonly facts: readonly LocatedFact[];
  /** The batch's registrations, the last one per location winning. */
  readonly registrations: ReadonlyMap<string, RegisteredLocation>;
}

/**
 * Fixes each event of a batch to a location and a local day. `zones` holds the time zone of every
 * location registered before the batch (null: registered without one); the batch's own registrations
 * apply to the events after them. A location not registered yet counts in UTC: the zone as known at
 * that point of the log, so a rebuild puts every event on the same day, and registering the location
 * later does not move the days already counted. Pure.
 */
export function locateEvents(events: readonly ProjectedEvent[], zones: ReadonlyMap<string, string | null>): LocatedBatch {
  const known = new Map(zones);
  const registrations = new Map<string, RegisteredLocation>();
  const facts: LocatedFact[] = [];
  const dayAt = (locationId: string, occurredAt: string) => localDay(occurredAt, known.get(locationId) ?? null);

  for (const event of events) {
    switch (event.type) {
      case 'LocationRegistered': {
        const { name, region, currency, timezone, occurredAt } = event.data;
        registrations.set(event.locationId, { locationId: event.locationId, name, region, currency, timezone: timezone ?? null, registeredAt: occurredAt });
        known.set(event.locationId, timezone ?? null);
        break;
      }
      case 'PurchaseRecorded': {
        const { locationId, currency, amountMinor, occurredAt } = event.data;
        facts.push({ kind: 'purchase', locationId, day: dayAt(locationId, occurredAt), customerId: event.customerId, currency, amountMinor });
        break;
      }
      case 'RefundIssued': {
        const { locationId, currency, amountMinor, occurredAt } = event.data;
        facts.push({ kind: 'refund', locationId, day: dayAt(locationId, occurredAt), currency, amountMinor });
        break;
      }
      case 'CallLogged':
        facts.push({ kind: 'call', locationId: event.data.locationId, day: dayAt(event.data.locationId, event.data.occurredAt) });
        break;
      case 'EmailLogged': {
        const { locationId, occurredAt } = event.data;
        // An email not handled by a location (head office, campaigns) is no location's work.
        if (locationId !== undefined) facts.push({ kind: 'email', locationId, day: dayAt(locationId, occurredAt) });
        break;
      }
      case 'ComplaintOpened':
        facts.push({ kind: 'complaintOpened', locationId: event.data.locationId, day: dayAt(event.data.locationId, event.data.occurredAt) });
        break;
      case 'ComplaintResolved': {
        const { locationId, complaintId, openedAt, resolvedOnFirstContact, occurredAt } = event.data;
        facts.push({
          kind: 'complaintResolved',
          locationId,
          day: dayAt(locationId, occurredAt),
          eventId: event.eventId,
          complaintId,
          customerId: event.customerId,
          openedAt,
          resolvedAt: occurredAt,
          firstContact: resolvedOnFirstContact,
        });
        break;
      }
      case 'SatisfactionRecorded':
        facts.push({ kind: 'satisfaction', locationId: event.data.locationId, day: dayAt(event.data.locationId, event.data.occurredAt), score: event.data.score });
        break;
      default:
        // Profile, consent, preference events and reopened complaints do not change a location's figures.
        break;
    }
  }
  return { facts, registrations };
}

/** Every location an event of the batch names: the ones whose time zone the batch needs. */
export function locationIdsOf(events: readonly ProjectedEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.type === 'LocationRegistered') ids.add(event.locationId);
    else if ('locationId' in event.data && event.data.locationId !== undefined) ids.add(event.data.locationId);
  }
  return ids;
}

/** Each (location, customer) pair the events' purchases are made at, once. */
export function purchasePairsOf(events: readonly ProjectedEvent[]): { locationId: string; customerId: string }[] {
  const pairs = new Map<string, { locationId: string; customerId: string }>();
  for (const event of events) {
    if (event.type !== 'PurchaseRecorded') continue;
    const pair = { locationId: event.data.locationId, customerId: event.customerId };
    pairs.set(pairKey(pair.locationId, pair.customerId), pair);
  }
  return [...pairs.values()];
}
