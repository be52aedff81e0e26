import { customerDecider } from '../customer/customer.decider';
import type { CustomerContext } from '../customer/customer.context';
import type { CustomerEvent } from '../customer/customer.events';
import type { LocationState } from '../location/location.state';
import { compact } from '../shared/compact';
import { deciderSpec } from './decider-spec';

export const NOW = '2025-03-01T09:00:00Z';
export const CUSTOMER_ID = 'cus-1';

export const oslo: LocationState = { registered: true, locationId: 'loc-oslo', name: 'Oslo Sentrum', region: 'NO-East', currency: 'NOK', timezone: 'Europe/Oslo' };
export const berlin: LocationState = { registered: true, locationId: 'loc-berlin', name: 'Berlin Mitte', region: 'DE-East', currency: 'EUR' };

export const context: CustomerContext = { now: NOW, locations: { [oslo.locationId]: oslo, [berlin.locationId]: berlin } };

export const customer = deciderSpec(customerDecider, context);

export const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { customerId: CUSTOMER_ID, name: 'Kari Nordmann', email: 'kari@example.com', homeLocationId: oslo.locationId, occurredAt: '2025-01-01T08:00:00Z' },
};

export const purchased = (purchaseId: string, amountMinor: number, location = oslo, occurredAt = '2025-02-01T10:00:00Z'): CustomerEvent => ({
  type: 'PurchaseRecorded',
  data: { purchaseId, locationId: location.locationId, amountMinor, currency: location.currency, occurredAt },
});

export const refunded = (refundId: string, purchaseId: string, amountMinor: number, reason?: string): CustomerEvent => ({
  type: 'RefundIssued',
  data: compact({ refundId, purchaseId, locationId: oslo.locationId, amountMinor, currency: oslo.currency, occurredAt: '2025-02-02T10:00:00Z', reason }),
});

export const complaintOpened = (complaintId: string): CustomerEvent => ({
  type: 'ComplaintOpened',
  data: { complaintId, category: 'billing', severity: 'medium', channel: 'phone', locationId: oslo.locationId, occurredAt: '2025-02-03T10:00:00Z' },
});

export const complaintResolved = (complaintId: string): CustomerEvent => ({
  type: 'ComplaintResolved',
  data: {
    complaintId,
    locationId: oslo.locationId,
    openedAt: '2025-02-03T10:00:00Z',
    resolution: 'credited',
    resolvedOnFirstContact: true,
    occurredAt: '2025-02-04T10:00:00Z',
  },
});

/** One event of every customer type, in an order a real stream could have. */
export const oneOfEach: CustomerEvent[] = [
  registered,
  { type: 'ContactDetailsChanged', data: { phone: '+47 912 34 567', occurredAt: '2025-01-02T08:00:00Z' } },
  { type: 'ConsentGiven', data: { channel: 'email', occurredAt: '2025-01-02T08:00:00Z' } },
  { type: 'ConsentGiven', data: { channel: 'sms', occurredAt: '2025-01-02T08:00:00Z' } },
  { type: 'ConsentWithdrawn', data: { channel: 'sms', occurredAt: '2025-01-03T08:00:00Z' } },
  { type: 'PreferenceRecorded', data: { key: 'entrance', value: 'knock at the side door', occurredAt: '2025-01-03T08:00:00Z' } },
  { type: 'PreferenceRecorded', data: { key: 'oven', value: 'do not clean', occurredAt: '2025-01-03T08:00:00Z' } },
  { type: 'PreferenceRemoved', data: { key: 'oven', occurredAt: '2025-01-04T08:00:00Z' } },
  {
    type: 'CallLogged',
    data: { callId: 'call-1', direction: 'inbound', locationId: oslo.locationId, agentId: 'agent-7', durationSeconds: 240, outcome: 'booked', occurredAt: '2025-01-05T08:00:00Z', notes: 'wants Tuesdays' },
  },
  {
    type: 'EmailLogged',
    data: { emailId: 'email-1', direction: 'outbound', locationId: oslo.locationId, subject: 'Your booking', campaign: 'spring', occurredAt: '2025-01-06T08:00:00.500Z' },
  },
  {
    type: 'PurchaseRecorded',
    data: {
      purchaseId: 'p-1',
      locationId: oslo.locationId,
      amountMinor: 150_00,
      currency: 'NOK',
      occurredAt: '2025-02-01T10:00:00Z',
      lines: [{ sku: 'CLEAN-2H', description: 'Two-hour clean', quantity: 1, unitPriceMinor: 150_00 }],
    },
  },
  refunded('r-1', 'p-1', 50_00, 'late arrival'),
  complaintOpened('cmp-1'),
  complaintResolved('cmp-1'),
  { type: 'ComplaintReopened', data: { complaintId: 'cmp-1', locationId: oslo.locationId, reason: 'stain came back', occurredAt: '2025-02-05T10:00:00Z' } },
  { type: 'SatisfactionRecorded', data: { surveyId: 'nps-1', score: 9, locationId: oslo.locationId, occurredAt: '2025-02-06T10:00:00Z', comment: 'great' } },
];
