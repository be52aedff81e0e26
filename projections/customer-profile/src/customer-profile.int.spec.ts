import type { CustomerEvent } from '@ledgerline/domain';
import type { StoredEvent } from '@ledgerline/event-store';
import { createProjectionTestBed, EventLogFixture, type ProjectionTestBed } from '@ledgerline/read-models/testing';
import { customerProfile } from './customer-profile.queries';
import { customerProfileProjection } from './customer-profile.projection';

// Quotes, a backslash and braces survive the trip through the JSON document a batch is written as.
const DOOR = 'the "side" door {not the back} \\ knock twice';
const at = (day: number, hour = 10) => `2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
const iso = (day: number, hour = 10) => new Date(at(day, hour)).toISOString();

const purchase = (purchaseId: string, amountMinor: number, day: number): CustomerEvent => ({
  type: 'PurchaseRecorded',
  data: { purchaseId, locationId: 'oslo', amountMinor, currency: 'NOK', occurredAt: at(day) },
});
const opened = (complaintId: string, day: number, severity: 'low' | 'high' = 'high'): CustomerEvent => ({
  type: 'ComplaintOpened',
  data: { complaintId, category: 'billing', severity, channel: 'phone', locationId: 'oslo', occurredAt: at(day) },
});
const resolved = (complaintId: string, day: number): CustomerEvent => ({
  type: 'ComplaintResolved',
  data: { complaintId, locationId: 'oslo', openedAt: at(1), resolution: 'fixed', resolvedOnFirstContact: false, occurredAt: at(day) },
});
const reopened = (complaintId: string, day: number): CustomerEvent => ({ type: 'ComplaintReopened', data: { complaintId, locationId: 'oslo', occurredAt: at(day) } });

/** Kari's history is split over several appends, interleaved with Ola's, so batches cut across both. */
function history(log: EventLogFixture): StoredEvent[] {
  return [
    ...log.customer(
      'kari',
      { type: 'CustomerRegistered', data: { customerId: 'kari', name: 'Kari Nordmann', email: 'kari@example.com', homeLocationId: 'oslo', occurredAt: at(1) } },
      { type: 'ConsentGiven', data: { channel: 'email', occurredAt: at(2) } },
      { type: 'ConsentGiven', data: { channel: 'sms', occurredAt: at(2) } },
      { type: 'PreferenceRecorded', data: { key: 'door', value: DOOR, occurredAt: at(2) } },
      { type: 'PreferenceRecorded', data: { key: 'oven', value: 'do not clean', occurredAt: at(2) } },
      opened('k1', 3),
      opened('k2', 4, 'low'),
    ),
    ...log.customer('ola', { type: 'CustomerRegistered', data: { customerId: 'ola', name: 'Ola', phone: '+47 400 00 000', homeLocationId: 'bergen', occurredAt: at(1) } }),
    ...log.customer(
      'kari',
      { type: 'ContactDetailsChanged', data: { phone: '+47 912 34 567', occurredAt: at(5) } },
      { type: 'ConsentWithdrawn', data: { channel: 'sms', occurredAt: at(6) } },
      { type: 'PreferenceRemoved', data: { key: 'oven', occurredAt: at(6) } },
      resolved('k1', 6),
      purchase('p1', 4_000_00, 7),
      { type: 'CallLogged', data: { callId: 'c1', direction: 'inbound', locationId: 'oslo', durationSeconds: 300, outcome: 'ok', occurredAt: at(8) } },
    ),
    ...log.customer('ola', purchase('p1', 100_00, 8), { type: 'EmailLogged', data: { emailId: 'e1', direction: 'outbound', subject: 'Thanks', occurredAt: at(9) } }),
    ...log.customer(
      'kari',
      purchase('p2', 2_000_00, 9),
      resolved('k2', 9),
      reopened('k1', 10),
      { type: 'EmailLogged', data: { emailId: 'e1', direction: 'inbound', subject: 'Late', occurredAt: at(7) } },
      { type: 'RefundIssued', data: { refundId: 'r1', purchaseId: 'p1', locationId: 'oslo', amountMinor: 500_00, currency: 'NOK', occurredAt: at(11) } },
    ),
  ];
}

describe('customer-profile projection', () => {
  let bed: ProjectionTestBed;
  let log: EventLogFixture;
  const allRows = async (target: ProjectionTestBed) => ({ profiles: await target.rows('customer_profiles'), complaints: await target.rows('complaints') });

  beforeEach(async () => {
    bed = await createProjectionTestBed(customerProfileProjection);
    log = new EventLogFixture();
  });
  afterEach(() => bed.close());

  it('keeps one row per customer with current details, consents, preferences, last interaction and value', async () => {
    await bed.feed(history(log));
    expect(await bed.rows('customer_profiles')).toEqual([
      {
        customer_id: 'kari',
        name: 'Kari Nordmann',
        email: 'kari@example.com',
        phone: '+47 912 34 567',
        home_location_id: 'oslo',
        registered_at: new Date(at(1)),
        consents: { email: { given: true, changedAt: iso(2) }, sms: { given: false, changedAt: iso(6) } },
        preferences: { door: { value: DOOR, recordedAt: iso(2) } },
        last_interaction_at: new Date(at(8)),
        net_revenue: { NOK: 5_500_00 },
        value_tier: 'silver',
      },
      {
        customer_id: 'ola',
        name: 'Ola',
        email: null,
        phone: '+47 400 00 000',
        home_location_id: 'bergen',
        registered_at: new Date(at(1)),
        consents: {},
        preferences: {},
        last_interaction_at: new Date(at(9)),
        net_revenue: { NOK: 100_00 },
        value_tier: 'bronze',
      },
    ]);
  });

  it('keeps every complaint with its status', async () => {
    await bed.feed(history(log));
    expect(await bed.rows('complaints')).toEqual([
      {
        customer_id: 'kari',
        complaint_id: 'k1',
        category: 'billing',
        severity: 'high',
        channel: 'phone',
        location_id: 'oslo',
        opened_at: new Date(at(3)),
        status: 'open',
        resolved_at: null,
        reopened_at: new Date(at(10)),
        reopen_count: 1,
      },
      {
        customer_id: 'kari',
        complaint_id: 'k2',
        category: 'billing',
        severity: 'low',
        channel: 'phone',
        location_id: 'oslo',
        opened_at: new Date(at(4)),
        status: 'resolved',
        resolved_at: new Date(at(9)),
        reopened_at: null,
        reopen_count: 0,
      },
    ]);
  });

  it('answers what an agent sees, through the analytics views', async () => {
    await bed.feed(history(log));
    expect(await customerProfile(bed.db, 'kari')).toEqual({
      customerId: 'kari',
      name: 'Kari Nordmann',
      email: 'kari@example.com',
      phone: '+47 912 34 567',
      homeLocationId: 'oslo',
      registeredAt: iso(1),
      consents: { email: { given: true, changedAt: iso(2) }, sms: { given: false, changedAt: iso(6) }, phone: { given: false, changedAt: null } },
      preferences: [{ key: 'door', value: DOOR, recordedAt: iso(2) }],
      openComplaints: [{ complaintId: 'k1', category: 'billing', severity: 'high', channel: 'phone', locationId: 'oslo', openedAt: iso(3), reopenedAt: iso(10) }],
      lastInteractionAt: iso(8),
      netRevenue: [{ currency: 'NOK', amountMinor: 5_500_00 }],
      valueTier: 'silver',
    });
    expect(await customerProfile(bed.db, 'nobody')).toBeUndefined();
  });

  it('stores a preference key that is an Object.prototype name as plain data', async () => {
    await bed.feed(log.customer('kari', { type: 'PreferenceRecorded', data: { key: '__proto__', value: 'polluted?', occurredAt: at(2) } }));
    await bed.feed(log.customer('kari', { type: 'PreferenceRecorded', data: { key: 'constructor', value: 'fine', occurredAt: at(3) } }));
    expect((await customerProfile(bed.db, 'kari'))?.preferences).toEqual([
      { key: '__proto__', value: 'polluted?', recordedAt: iso(2) },
      { key: 'constructor', value: 'fine', recordedAt: iso(3) },
    ]);
  });

  it('leaves the rows unchanged when the same events come again', async () => {
    const events = history(log);
    await bed.feed(events);
    const before = await allRows(bed);
    expect(before.profiles).toHaveLength(2);
    await bed.feed(events);
    // A crash after the commit, before the projector learnt of it: the stored checkpoint decides.
    await bed.reloadCheckpoint();
    await bed.feed(events.slice(6));
    expect(await allRows(bed)).toEqual(before);
  });

  it('gives the same rows however the events are cut into batches', async () => {
    const events = history(log);
    await bed.feed(events);
    const whole = await allRows(bed);
    for (const size of [1, 2, 5, 7]) {
      const other = await createProjectionTestBed(customerProfileProjection);
      try {
        for (let i = 0; i < events.length; i += size) await other.feed(events.slice(i, i + size));
        expect([size, await allRows(other)]).toEqual([size, whole]);
      } finally {
        await other.close();
      }
    }
  });
});
