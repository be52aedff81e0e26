import type { CustomerEvent } from '@ledgerline/domain';
import type { StoredEvent } from '@ledgerline/event-store';
import { EventLogFixture } from '@ledgerline/read-models/testing';

// A small franchise network for the int specs, in log order. Oslo counts in Europe/Oslo (UTC+1 in
// March before the 30th), Bergen registered without a time zone (UTC), Tromsø is registered only
// after its first purchase, Lillehammer never trades. The comments give each event's local day.

const purchase = (purchaseId: string, locationId: string, amountMinor: number, occurredAt: string, currency = 'NOK'): CustomerEvent => ({
  type: 'PurchaseRecorded',
  data: { purchaseId, locationId, amountMinor, currency, occurredAt },
});
const opened = (complaintId: string, locationId: string, occurredAt: string): CustomerEvent => ({
  type: 'ComplaintOpened',
  data: { complaintId, category: 'service', severity: 'medium', channel: 'phone', locationId, occurredAt },
});
const resolved = (complaintId: string, locationId: string, openedAt: string, occurredAt: string, resolvedOnFirstContact: boolean): CustomerEvent => ({
  type: 'ComplaintResolved',
  data: { complaintId, locationId, openedAt, occurredAt, resolution: 'fixed', resolvedOnFirstContact },
});
const answer = (surveyId: string, locationId: string, score: number, occurredAt: string): CustomerEvent => ({
  type: 'SatisfactionRecorded',
  data: { surveyId, locationId, score, occurredAt },
});
const register = (log: EventLogFixture, locationId: string, region: string, timezone?: string) =>
  log.location(locationId, {
    type: 'LocationRegistered',
    data: { locationId, name: `Ledgerline ${locationId}`, region, currency: 'NOK', ...(timezone !== undefined && { timezone }), occurredAt: '2025-03-01T00:00:00.000Z' },
  });

export function networkEvents(log = new EventLogFixture()): StoredEvent[] {
  const from = log.events.length;
  register(log, 'oslo', 'north', 'Europe/Oslo');
  register(log, 'bergen', 'west');
  register(log, 'lillehammer', 'west', 'Europe/Oslo');
  log.customer('kari', purchase('p1', 'oslo', 10_000, '2025-03-03T09:00:00.000Z')); // oslo 03-03
  log.customer('kari', { type: 'CallLogged', data: { callId: 'c1', direction: 'inbound', locationId: 'oslo', durationSeconds: 120, outcome: 'booked', occurredAt: '2025-03-03T10:00:00.000Z' } });
  log.customer('ola', { type: 'CallLogged', data: { callId: 'c2', direction: 'outbound', locationId: 'oslo', durationSeconds: 60, outcome: 'no answer', occurredAt: '2025-03-03T11:00:00.000Z' } });
  log.customer('kari', { type: 'EmailLogged', data: { emailId: 'e1', direction: 'inbound', locationId: 'oslo', subject: 'Booking', occurredAt: '2025-03-03T12:00:00.000Z' } });
  log.customer('kari', { type: 'EmailLogged', data: { emailId: 'e2', direction: 'outbound', subject: 'Newsletter', campaign: 'spring', occurredAt: '2025-03-03T12:30:00.000Z' } });
  log.customer('kari', opened('k1', 'oslo', '2025-03-03T08:00:00.000Z')); // oslo 03-03
  log.customer('kari', purchase('p2', 'oslo', 5_000, '2025-03-03T23:30:00.000Z')); // oslo 03-04 (00:30 local): repeat
  log.customer('ola', purchase('p3', 'oslo', 20_000, '2025-03-04T10:00:00.000Z')); // oslo 03-04: new
  log.customer('kari', resolved('k1', 'oslo', '2025-03-03T08:00:00.000Z', '2025-03-04T08:00:00.000Z', true)); // 86,400 s
  log.customer('kari', { type: 'RefundIssued', data: { refundId: 'r1', purchaseId: 'p1', locationId: 'oslo', amountMinor: 2_000, currency: 'NOK', occurredAt: '2025-03-05T10:00:00.000Z' } });
  log.customer('ola', opened('k2', 'oslo', '2025-03-05T10:00:00.000Z'));
  log.customer('ola', resolved('k2', 'oslo', '2025-03-05T10:00:00.000Z', '2025-03-05T12:00:00.000Z', false)); // 7,200 s
  log.customer('kari', answer('s1', 'oslo', 10, '2025-03-05T13:00:00.000Z'));
  log.customer('ola', answer('s2', 'oslo', 3, '2025-03-05T14:00:00.000Z'));
  log.customer('kari', opened('k3', 'oslo', '2025-03-10T09:00:00.000Z'));
  log.customer('kari', purchase('p4', 'oslo', 7_000, '2025-03-11T10:00:00.000Z')); // repeat
  log.customer('ola', purchase('p5', 'oslo', 3_000, '2025-03-12T10:00:00.000Z')); // repeat
  log.customer('ola', purchase('p6', 'oslo', 1_000, '2025-03-12T11:00:00.000Z')); // the same day again
  log.customer('kari', purchase('p7', 'oslo', 999, '2025-03-12T12:00:00.000Z', 'EUR')); // not Oslo's currency; still a repeat visit
  log.customer('kari', resolved('k3', 'oslo', '2025-03-10T09:00:00.000Z', '2025-03-12T09:00:00.000Z', true)); // 172,800 s
  log.customer('ola', answer('s3', 'oslo', 9, '2025-03-12T15:00:00.000Z'));
  log.customer('kari', answer('s4', 'oslo', 7, '2025-03-12T16:00:00.000Z'));
  log.customer('per', purchase('p8', 'bergen', 4_000, '2025-03-03T23:30:00.000Z')); // bergen 03-03 (UTC)
  log.customer('per', opened('k4', 'bergen', '2025-03-04T10:00:00.000Z'));
  log.customer('per', resolved('k4', 'bergen', '2025-03-04T10:00:00.000Z', '2025-03-04T10:30:00.000Z', true)); // 1,800 s
  log.customer('per', answer('s5', 'bergen', 10, '2025-03-04T11:00:00.000Z'));
  // Logged late: Kari's first purchase in Oslo was on 03-02, which makes 03-03 a repeat day for her.
  log.customer('kari', purchase('p9', 'oslo', 500, '2025-03-02T12:00:00.000Z'));
  // Tromsø trades before it is registered: that purchase counts on its UTC day and stays there.
  log.customer('ola', purchase('p10', 'tromso', 6_000, '2025-03-03T23:30:00.000Z')); // tromso 03-03 (UTC)
  register(log, 'tromso', 'north', 'Europe/Oslo');
  log.customer('ola', purchase('p11', 'tromso', 6_000, '2025-03-04T23:30:00.000Z')); // tromso 03-05 (local)
  return log.events.slice(from);
}
