import { customerCommandSchema } from './customer.commands';

// The schemas the edge may reuse; the decider itself assumes commands of this shape.
describe('customer command schemas', () => {
  const base = { customerId: 'cus-1' };

  it('accepts a valid command and strips unknown keys', () => {
    const parsed = customerCommandSchema.parse({ type: 'GiveConsent', ...base, channel: 'sms', extra: 1 });
    expect(parsed).toStrictEqual({ type: 'GiveConsent', customerId: 'cus-1', channel: 'sms' });
  });

  it.each([
    { type: 'RegisterCustomer', ...base, name: 'K', homeLocationId: 'l' },
    { type: 'ChangeContactDetails', ...base, phone: '+47 400 00 000' },
    { type: 'WithdrawConsent', ...base, channel: 'email' },
    { type: 'RemovePreference', ...base, key: 'entrance' },
  ])('takes an optional business time on $type', (command) => {
    expect(customerCommandSchema.parse(command)).toStrictEqual(command);
    const dated = { ...command, occurredAt: '2024-06-01T08:30:00.250Z' };
    expect(customerCommandSchema.parse(dated)).toStrictEqual(dated);
  });

  it.each([
    [{ type: 'RegisterCustomer', ...base, name: 'K', email: 'not-an-email', homeLocationId: 'l' }],
    [{ type: 'RegisterCustomer', ...base, name: 'K', phone: 'call me', homeLocationId: 'l' }],
    [{ type: 'ChangeContactDetails', ...base }],
    [{ type: 'RecordSatisfaction', ...base, surveyId: 's', score: 11, locationId: 'l', occurredAt: '2025-01-01T00:00:00Z' }],
    [{ type: 'IssueRefund', ...base, refundId: 'r', purchaseId: 'p', amountMinor: 0, occurredAt: '2025-01-01T00:00:00Z' }],
    [{ type: 'RecordPurchase', ...base, purchaseId: 'p', locationId: 'l', amountMinor: 1, currency: 'EUR', occurredAt: '2025-01-01' }],
    [{ type: 'RegisterCustomer', ...base, name: 'K', homeLocationId: 'l', occurredAt: '2025-01-01T10:00:00+02:00' }],
    [{ type: 'GiveConsent', ...base, channel: 'sms', occurredAt: 'yesterday' }],
    [{ type: 'ChangeContactDetails', ...base, occurredAt: '2025-01-01T00:00:00Z' }],
    [{ type: 'Unknown', ...base }],
  ])('rejects %o', (command) => {
    expect(customerCommandSchema.safeParse(command).success).toBe(false);
  });
});
