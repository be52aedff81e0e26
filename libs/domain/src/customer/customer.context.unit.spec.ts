import { CUSTOMER_ID, customer, oslo, purchased, registered } from '../testing/customer-fixtures';
import { locationIdsOf } from './customer.context';

const id = { customerId: CUSTOMER_ID };
const at = '2025-02-10T14:30:00Z';

describe('locationIdsOf', () => {
  const state = customer.given([registered, purchased('p-1', 100)]).state();

  it.each([
    [{ type: 'RegisterCustomer', ...id, name: 'K', homeLocationId: 'loc-home' } as const, ['loc-home']],
    [{ type: 'LogCall', ...id, callId: 'c', direction: 'inbound', locationId: 'loc-a', durationSeconds: 1, outcome: 'ok', occurredAt: at } as const, ['loc-a']],
    [{ type: 'LogEmail', ...id, emailId: 'e', direction: 'inbound', subject: 's', occurredAt: at } as const, []],
    [{ type: 'LogEmail', ...id, emailId: 'e', direction: 'inbound', locationId: 'loc-b', subject: 's', occurredAt: at } as const, ['loc-b']],
    [{ type: 'RecordPurchase', ...id, purchaseId: 'p', locationId: 'loc-c', amountMinor: 1, currency: 'NOK', occurredAt: at } as const, ['loc-c']],
    [{ type: 'IssueRefund', ...id, refundId: 'r', purchaseId: 'p-1', amountMinor: 1, occurredAt: at } as const, [oslo.locationId]],
    [{ type: 'IssueRefund', ...id, refundId: 'r', purchaseId: 'p-404', amountMinor: 1, occurredAt: at } as const, []],
    [{ type: 'OpenComplaint', ...id, complaintId: 'c', category: 'x', severity: 'low', channel: 'web', locationId: 'loc-d', occurredAt: at } as const, ['loc-d']],
    [{ type: 'RecordSatisfaction', ...id, surveyId: 's', score: 7, locationId: 'loc-e', occurredAt: at } as const, ['loc-e']],
    [{ type: 'GiveConsent', ...id, channel: 'sms' } as const, []],
  ])('%o needs %o', (command, expected) => {
    expect(locationIdsOf(command, state)).toEqual(expected);
  });
});
