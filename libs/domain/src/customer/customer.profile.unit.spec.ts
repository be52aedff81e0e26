import type { CustomerCommand } from './customer.commands';
import { alreadyExists, notFound, violation } from '../testing/decider-spec';
import { CUSTOMER_ID, customer, NOW, oslo, registered } from '../testing/customer-fixtures';

const id = { customerId: CUSTOMER_ID };
/** A business time well before NOW, as an import of history sends it. */
const EARLIER = '2024-06-01T08:30:00Z';

describe('customer: registration', () => {
  it('registers a customer at an existing home location, stamped with context.now', () => {
    customer
      .given([])
      .when({ type: 'RegisterCustomer', ...id, name: 'Kari Nordmann', phone: '+47 912 34 567', homeLocationId: oslo.locationId })
      .then([
        {
          type: 'CustomerRegistered',
          data: { customerId: CUSTOMER_ID, name: 'Kari Nordmann', phone: '+47 912 34 567', homeLocationId: oslo.locationId, occurredAt: NOW },
        },
      ]);
  });

  it('registers a customer at the business time the command gives', () => {
    customer
      .given([])
      .when({ type: 'RegisterCustomer', ...id, name: 'Kari Nordmann', homeLocationId: oslo.locationId, occurredAt: EARLIER })
      .then([{ type: 'CustomerRegistered', data: { customerId: CUSTOMER_ID, name: 'Kari Nordmann', homeLocationId: oslo.locationId, occurredAt: EARLIER } }]);
  });

  it('dates the registration in the state by its business time', () => {
    const state = customer
      .given([{ type: 'CustomerRegistered', data: { customerId: CUSTOMER_ID, name: 'Kari Nordmann', homeLocationId: oslo.locationId, occurredAt: EARLIER } }])
      .state();
    expect(state.registeredAt).toBe(EARLIER);
  });

  it('refuses to register the same customer twice', () => {
    customer
      .given([registered])
      .when({ type: 'RegisterCustomer', ...id, name: 'Kari', homeLocationId: oslo.locationId })
      .then(alreadyExists('customer', CUSTOMER_ID));
  });

  it('refuses an unknown home location', () => {
    customer.given([]).when({ type: 'RegisterCustomer', ...id, name: 'Kari', homeLocationId: 'loc-nowhere' }).then(notFound('location', 'loc-nowhere'));
  });

  it('treats a location that is loaded but unregistered as unknown', () => {
    customer
      .given([])
      .when(
        { type: 'RegisterCustomer', ...id, name: 'Kari', homeLocationId: 'loc-new' },
        { locations: { 'loc-new': { registered: false, locationId: '', name: '', region: '', currency: '' } } },
      )
      .then(notFound('location', 'loc-new'));
  });

  const at = '2025-02-01T10:00:00Z';
  const everyOtherCommand: CustomerCommand[] = [
    { type: 'ChangeContactDetails', ...id, name: 'K' },
    { type: 'GiveConsent', ...id, channel: 'email' },
    { type: 'WithdrawConsent', ...id, channel: 'email' },
    { type: 'RecordPreference', ...id, key: 'k', value: 'v' },
    { type: 'RemovePreference', ...id, key: 'k' },
    { type: 'LogCall', ...id, callId: 'c', direction: 'inbound', locationId: oslo.locationId, durationSeconds: 1, outcome: 'ok', occurredAt: at },
    { type: 'LogEmail', ...id, emailId: 'e', direction: 'inbound', subject: 's', occurredAt: at },
    { type: 'RecordPurchase', ...id, purchaseId: 'p', locationId: oslo.locationId, amountMinor: 1, currency: 'NOK', occurredAt: at },
    { type: 'IssueRefund', ...id, refundId: 'r', purchaseId: 'p', amountMinor: 1, occurredAt: at },
    { type: 'OpenComplaint', ...id, complaintId: 'c', category: 'x', severity: 'low', channel: 'web', locationId: oslo.locationId, occurredAt: at },
    { type: 'ResolveComplaint', ...id, complaintId: 'c', resolution: 'x', resolvedOnFirstContact: false, occurredAt: at },
    { type: 'ReopenComplaint', ...id, complaintId: 'c', occurredAt: at },
    { type: 'RecordSatisfaction', ...id, surveyId: 's', score: 7, locationId: oslo.locationId, occurredAt: at },
  ];

  it.each(everyOtherCommand.map((command) => [command.type, command] as const))('%s on an unregistered customer is EntityNotFound', (_type, command) => {
    customer.given([]).when(command).then(notFound('customer', CUSTOMER_ID));
  });
});

describe('customer: contact details', () => {
  it('records only the fields that changed', () => {
    customer
      .given([registered])
      .when({ type: 'ChangeContactDetails', ...id, name: 'Kari Nordmann', email: 'kari@new.example', phone: '+47 400 00 000' })
      .then([{ type: 'ContactDetailsChanged', data: { email: 'kari@new.example', phone: '+47 400 00 000', occurredAt: NOW } }]);
  });

  it('records the change at the business time the command gives', () => {
    customer
      .given([registered])
      .when({ type: 'ChangeContactDetails', ...id, phone: '+47 400 00 000', occurredAt: EARLIER })
      .then([{ type: 'ContactDetailsChanged', data: { phone: '+47 400 00 000', occurredAt: EARLIER } }]);
  });

  it('yields nothing when nothing changes', () => {
    customer.given([registered]).when({ type: 'ChangeContactDetails', ...id, name: 'Kari Nordmann', email: 'kari@example.com' }).then([]);
    customer.given([registered]).when({ type: 'ChangeContactDetails', ...id, name: 'Kari Nordmann', occurredAt: EARLIER }).then([]);
  });
});

describe('customer: consent per channel', () => {
  it('gives consent on a channel', () => {
    customer.given([registered]).when({ type: 'GiveConsent', ...id, channel: 'sms' }).then([{ type: 'ConsentGiven', data: { channel: 'sms', occurredAt: NOW } }]);
  });

  it('gives consent at the business time the command gives', () => {
    customer
      .given([registered])
      .when({ type: 'GiveConsent', ...id, channel: 'sms', occurredAt: EARLIER })
      .then([{ type: 'ConsentGiven', data: { channel: 'sms', occurredAt: EARLIER } }]);
  });

  it('is idempotent by state: consent already given yields nothing, whatever its business time', () => {
    const given = customer.given([registered, { type: 'ConsentGiven', data: { channel: 'sms', occurredAt: NOW } }]);
    given.when({ type: 'GiveConsent', ...id, channel: 'sms' }).then([]);
    given.when({ type: 'GiveConsent', ...id, channel: 'sms', occurredAt: EARLIER }).then([]);
  });

  it('withdraws a given consent, and only that channel', () => {
    customer
      .given([registered, { type: 'ConsentGiven', data: { channel: 'email', occurredAt: NOW } }])
      .when({ type: 'WithdrawConsent', ...id, channel: 'email' })
      .then([{ type: 'ConsentWithdrawn', data: { channel: 'email', occurredAt: NOW } }]);
  });

  it('withdraws consent at the business time the command gives', () => {
    customer
      .given([registered, { type: 'ConsentGiven', data: { channel: 'email', occurredAt: EARLIER } }])
      .when({ type: 'WithdrawConsent', ...id, channel: 'email', occurredAt: '2024-07-01T12:00:00Z' })
      .then([{ type: 'ConsentWithdrawn', data: { channel: 'email', occurredAt: '2024-07-01T12:00:00Z' } }]);
  });

  it('withdrawing a consent never given yields nothing', () => {
    customer.given([registered]).when({ type: 'WithdrawConsent', ...id, channel: 'phone' }).then([]);
    customer.given([registered]).when({ type: 'WithdrawConsent', ...id, channel: 'phone', occurredAt: EARLIER }).then([]);
  });
});

describe('customer: preferences', () => {
  const recorded = { type: 'PreferenceRecorded', data: { key: 'entrance', value: 'side door', occurredAt: NOW } } as const;

  it('records a preference', () => {
    customer.given([registered]).when({ type: 'RecordPreference', ...id, key: 'entrance', value: 'side door' }).then([recorded]);
  });

  it('records a changed value', () => {
    customer
      .given([registered, recorded])
      .when({ type: 'RecordPreference', ...id, key: 'entrance', value: 'front door' })
      .then([{ type: 'PreferenceRecorded', data: { key: 'entrance', value: 'front door', occurredAt: NOW } }]);
  });

  it('records a preference at the business time the command gives', () => {
    customer
      .given([registered])
      .when({ type: 'RecordPreference', ...id, key: 'entrance', value: 'side door', occurredAt: EARLIER })
      .then([{ type: 'PreferenceRecorded', data: { key: 'entrance', value: 'side door', occurredAt: EARLIER } }]);
  });

  it('yields nothing when the same value is recorded again, whatever its business time', () => {
    customer.given([registered, recorded]).when({ type: 'RecordPreference', ...id, key: 'entrance', value: 'side door' }).then([]);
    customer.given([registered, recorded]).when({ type: 'RecordPreference', ...id, key: 'entrance', value: 'side door', occurredAt: EARLIER }).then([]);
  });

  it('removes a recorded preference', () => {
    customer
      .given([registered, recorded])
      .when({ type: 'RemovePreference', ...id, key: 'entrance' })
      .then([{ type: 'PreferenceRemoved', data: { key: 'entrance', occurredAt: NOW } }]);
  });

  it('removes a preference at the business time the command gives', () => {
    customer
      .given([registered, recorded])
      .when({ type: 'RemovePreference', ...id, key: 'entrance', occurredAt: EARLIER })
      .then([{ type: 'PreferenceRemoved', data: { key: 'entrance', occurredAt: EARLIER } }]);
  });

  it.each(['entrance', 'constructor'])('refuses to remove a preference that is not recorded (%s)', (key) => {
    customer.given([registered]).when({ type: 'RemovePreference', ...id, key }).then(violation('unknown-preference'));
  });
});
