import { EVENT_SCHEMA_VERSIONS, type CustomerEvent, type LocationEvent } from '@ledgerline/domain';
import { appendEvents, type EventStoreClient } from '@ledgerline/event-store';
import { seededRandom } from '@ledgerline/testing';

const LOCATIONS = [
  { locationId: 'oslo', name: 'Oslo', region: 'north', currency: 'NOK', timezone: 'Europe/Oslo' },
  { locationId: 'berlin', name: 'Berlin', region: 'central', currency: 'EUR', timezone: 'Europe/Berlin' },
  { locationId: 'boston', name: 'Boston', region: 'us', currency: 'USD', timezone: 'America/New_York' },
];

/**
 * Appends a plausible history straight to the log: locations, then for each customer a stream of
 * purchases, refunds within what is left, calls, emails, complaints opened and resolved, NPS answers
 * and preferences, valid for the domain's schemas. Returns the number of events appended.
 */
export async function appendCrmWorkload(client: EventStoreClient, { customers, eventsPerCustomer, seed, prefix = 'w' }: { customers: number; eventsPerCustomer: number; seed: number; prefix?: string }): Promise<number> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const metadata = (type: string) => ({ correlationId: 'workload', causationId: 'workload', actor: 'service:workload', source: 'workload', schemaVersion: (EVENT_SCHEMA_VERSIONS as Record<string, number>)[type] ?? 1 });
  let appended = 0;
  for (const location of LOCATIONS) {
    const event: LocationEvent = { type: 'LocationRegistered', data: { ...location, occurredAt: '2025-01-01T00:00:00.000Z' } };
    await appendEvents(client, `location-${prefix}-${location.locationId}`, [{ ...event, metadata: metadata(event.type) }], { expectedRevision: 'any' });
    appended++;
  }
  await Promise.all(
    Array.from({ length: customers }, async (_, c) => {
      const customerId = `${prefix}-${seed}-${c}`;
      const home = pick(LOCATIONS);
      const locationId = `${prefix}-${home.locationId}`;
      let time = Date.parse('2025-01-02T08:00:00Z') + Math.floor(random() * 86_400_000);
      const at = () => new Date((time += Math.floor(random() * 5 * 86_400_000))).toISOString();
      const events: CustomerEvent[] = [{ type: 'CustomerRegistered', data: { customerId, name: `Customer ${c}`, homeLocationId: locationId, occurredAt: at() } }];
      const purchases: { purchaseId: string; left: number }[] = [];
      const open: string[] = [];
      for (let i = 1; i < eventsPerCustomer; i++) {
        const roll = random();
        const id = `${i}`;
        if (roll < 0.4) {
          const amountMinor = 500 + Math.floor(random() * 20_000);
          purchases.push({ purchaseId: `p${id}`, left: amountMinor });
          events.push({ type: 'PurchaseRecorded', data: { purchaseId: `p${id}`, locationId, amountMinor, currency: home.currency, occurredAt: at() } });
        } else if (roll < 0.47 && purchases.some((p) => p.left > 0)) {
          const purchase = pick(purchases.filter((p) => p.left > 0));
          const amountMinor = Math.max(1, Math.floor(purchase.left * random()));
          purchase.left -= amountMinor;
          events.push({ type: 'RefundIssued', data: { refundId: `r${id}`, purchaseId: purchase.purchaseId, locationId, amountMinor, currency: home.currency, occurredAt: at() } });
        } else if (roll < 0.62) {
          events.push({ type: 'CallLogged', data: { callId: `c${id}`, direction: pick(['inbound', 'outbound'] as const), locationId, durationSeconds: Math.floor(random() * 900), outcome: 'answered', occurredAt: at() } });
        } else if (roll < 0.74) {
          events.push({ type: 'EmailLogged', data: { emailId: `e${id}`, direction: 'outbound', locationId, subject: 'News', campaign: 'spring', occurredAt: at() } });
        } else if (roll < 0.82) {
          open.push(`k${id}`);
          events.push({ type: 'ComplaintOpened', data: { complaintId: `k${id}`, category: pick(['billing', 'quality', 'delay']), severity: pick(['low', 'medium', 'high'] as const), channel: 'phone', locationId, occurredAt: at() } });
        } else if (roll < 0.9 && open.length > 0) {
          const complaintId = open.shift()!;
          const openedAt = (events.find((e) => e.type === 'ComplaintOpened' && e.data.complaintId === complaintId)!.data as { occurredAt: string }).occurredAt;
          events.push({ type: 'ComplaintResolved', data: { complaintId, locationId, openedAt, resolution: 'fixed', resolvedOnFirstContact: random() < 0.6, occurredAt: at() } });
        } else if (roll < 0.96) {
          events.push({ type: 'SatisfactionRecorded', data: { surveyId: `s${id}`, score: Math.floor(random() * 11), locationId, occurredAt: at() } });
        } else {
          events.push({ type: 'PreferenceRecorded', data: { key: pick(['door', 'contact-time', 'room']), value: `value ${id}`, occurredAt: at() } });
        }
      }
      for (let i = 0; i < events.length; i += 50) {
        const chunk = events.slice(i, i + 50).map((event) => ({ ...event, metadata: metadata(event.type) }));
        await appendEvents(client, `customer-${customerId}`, chunk, { expectedRevision: 'any' });
      }
      appended += events.length;
    }),
  );
  return appended;
}
