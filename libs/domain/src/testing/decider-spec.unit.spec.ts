import { CUSTOMER_ID, customer, oslo, registered } from './customer-fixtures';
import { alreadyExists, notFound, violation } from './decider-spec';

// The helper must fail loudly, or every spec built on it proves nothing.
describe('deciderSpec', () => {
  const register = { type: 'RegisterCustomer', customerId: CUSTOMER_ID, name: 'K', homeLocationId: oslo.locationId } as const;

  it('fails when the events differ', () => {
    expect(() => customer.given([]).when(register).then([])).toThrow();
  });

  it('fails when an error was expected and none was thrown', () => {
    expect(() => customer.given([]).when(register).then(alreadyExists('customer', CUSTOMER_ID))).toThrow();
  });

  it('fails when the error has another class, rule or id', () => {
    const when = customer.given([registered]).when(register);
    expect(() => when.then(notFound('customer', CUSTOMER_ID))).toThrow();
    expect(() => when.then(alreadyExists('customer', 'someone-else'))).toThrow();
    expect(() => when.then(violation('duplicate-id'))).toThrow();
    expect(() => when.then(alreadyExists('customer', CUSTOMER_ID))).not.toThrow();
  });
});
