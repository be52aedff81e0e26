import type { CustomerEvent } from '@ledgerline/domain';
import { toProjectedEvent } from '@ledgerline/read-models';
import { EventLogFixture } from '@ledgerline/read-models/testing';
import { applyProfileEvents, ProfileRows, rowsToLoad } from './profile-state';

const at = (day: number, hour = 10) => `2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
const iso = (day: number, hour = 10) => new Date(at(day, hour)).toISOString();

const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { customerId: 'kari', name: 'Kari Nordmann', email: 'kari@example.com', homeLocationId: 'oslo', occurredAt: at(1) },
};
const opened = (complaintId: string, day: number): CustomerEvent => ({
  type: 'ComplaintOpened',
  data: { complaintId, category: 'billing', severity: 'high', channel: 'phone', locationId: 'oslo', occurredAt: at(day) },
});
const resolved = (complaintId: string, day: number): CustomerEvent => ({
  type: 'ComplaintResolved',
  data: { complaintId, locationId: 'oslo', openedAt: at(1), resolution: 'fixed', resolvedOnFirstContact: false, occurredAt: at(day) },
});
const reopened = (complaintId: string, day: number): CustomerEvent => ({ type: 'ComplaintReopened', data: { complaintId, locationId: 'oslo', occurredAt: at(day) } });

function applied(events: CustomerEvent[], rows = new ProfileRows()) {
  const log = new EventLogFixture();
  applyProfileEvents(rows, log.customer('kari', ...events).map(toProjectedEvent));
  return rows;
}

describe('applyProfileEvents', () => {
  it('keeps the current contact details', () => {
    const { profiles } = applied([
      registered,
      { type: 'ContactDetailsChanged', data: { phone: '+47 900 00 000', occurredAt: at(2) } },
      { type: 'ContactDetailsChanged', data: { email: 'kari@nordmann.no', occurredAt: at(3) } },
    ]);
    expect(profiles.get('kari')).toMatchObject({
      name: 'Kari Nordmann',
      email: 'kari@nordmann.no',
      phone: '+47 900 00 000',
      homeLocationId: 'oslo',
      registeredAt: iso(1),
    });
  });

  it('keeps the latest consent per channel with its time, and drops removed preferences', () => {
    const profile = applied([
      registered,
      { type: 'ConsentGiven', data: { channel: 'email', occurredAt: at(2) } },
      { type: 'ConsentGiven', data: { channel: 'sms', occurredAt: at(2) } },
      { type: 'ConsentWithdrawn', data: { channel: 'sms', occurredAt: at(4) } },
      { type: 'PreferenceRecorded', data: { key: 'door', value: 'side door', occurredAt: at(2) } },
      { type: 'PreferenceRecorded', data: { key: 'oven', value: 'do not clean', occurredAt: at(2) } },
      { type: 'PreferenceRecorded', data: { key: 'door', value: 'back door', occurredAt: at(3) } },
      { type: 'PreferenceRemoved', data: { key: 'oven', occurredAt: at(4) } },
      { type: 'PreferenceRecorded', data: { key: '__proto__', value: 'just a key', occurredAt: at(5) } },
    ]).profiles.get('kari');
    expect(Object.fromEntries(profile?.consents ?? [])).toEqual({ email: { given: true, changedAt: iso(2) }, sms: { given: false, changedAt: iso(4) } });
    expect([...(profile?.preferences ?? [])]).toEqual([
      ['door', { value: 'back door', recordedAt: iso(3) }],
      ['__proto__', { value: 'just a key', recordedAt: iso(5) }],
    ]);
  });

  it('takes the latest call or email in time as the last interaction, even when logged late', () => {
    const profile = applied([
      registered,
      { type: 'CallLogged', data: { callId: 'c1', direction: 'inbound', locationId: 'oslo', durationSeconds: 60, outcome: 'ok', occurredAt: at(6) } },
      { type: 'EmailLogged', data: { emailId: 'e1', direction: 'outbound', subject: 'Hi', occurredAt: at(4) } },
      { type: 'SatisfactionRecorded', data: { surveyId: 's1', score: 9, locationId: 'oslo', occurredAt: at(9) } },
    ]).profiles.get('kari');
    expect(profile?.lastInteractionAt).toBe(iso(6));
  });

  it('tracks net revenue per currency and the value tier it gives', () => {
    const purchase = (purchaseId: string, amountMinor: number, currency = 'EUR'): CustomerEvent => ({
      type: 'PurchaseRecorded',
      data: { purchaseId, locationId: 'berlin', amountMinor, currency, occurredAt: at(2) },
    });
    const rows = applied([registered, purchase('p1', 300_00), purchase('p2', 250_00), purchase('p3', 90_00, 'NOK')]);
    expect(Object.fromEntries(rows.profiles.get('kari')?.netRevenueMinor ?? [])).toEqual({ EUR: 550_00, NOK: 90_00 });
    expect(rows.profiles.get('kari')?.valueTier).toBe('silver');
    applied([{ type: 'RefundIssued', data: { refundId: 'r1', purchaseId: 'p2', locationId: 'berlin', amountMinor: 100_00, currency: 'EUR', occurredAt: at(3) } }], rows);
    expect(rows.profiles.get('kari')?.netRevenueMinor.get('EUR')).toBe(450_00);
    expect(rows.profiles.get('kari')?.valueTier).toBe('bronze');
  });

  it('keeps complaints with their status: resolved ones closed, reopened ones open again', () => {
    const rows = applied([registered, opened('k1', 2), opened('k2', 3), resolved('k1', 4), opened('k3', 5), resolved('k3', 6), reopened('k3', 7)]);
    const status = [...rows.complaints.values()].map((c) => [c.complaintId, c.status, c.openedAt, c.resolvedAt, c.reopenedAt, c.reopenCount]);
    expect(status).toEqual([
      ['k1', 'resolved', iso(2), iso(4), null, 0],
      ['k2', 'open', iso(3), null, null, 0],
      ['k3', 'open', iso(5), null, iso(7), 1],
    ]);
  });

  it('creates a profile for a customer first seen through another event, and ignores complaints it never saw opened', () => {
    const rows = applied([resolved('k9', 2), { type: 'ConsentGiven', data: { channel: 'phone', occurredAt: at(2) } }]);
    expect(rows.profiles.get('kari')).toMatchObject({ name: null, email: null, registeredAt: null, valueTier: 'none' });
    expect(rows.complaints.size).toBe(0);
    expect([...rows.changedProfiles]).toEqual(['kari']);
  });
});

describe('rowsToLoad', () => {
  it('asks for the batch\'s customers and for the earlier complaints it resolves or reopens', () => {
    const log = new EventLogFixture();
    const events = [...log.customer('kari', opened('k1', 2), resolved('k1', 3), resolved('k0', 3)), ...log.customer('ola', reopened('k5', 4))].map(toProjectedEvent);
    expect(rowsToLoad(events)).toEqual({
      customerIds: ['kari', 'ola'],
      complaints: [
        { customerId: 'kari', complaintId: 'k0' },
        { customerId: 'ola', complaintId: 'k5' },
      ],
    });
  });
});
