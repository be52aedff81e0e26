import { deepFreeze } from '../shared/deep-freeze';
import { foldEvents } from '../decider';
import { berlin, complaintOpened, CUSTOMER_ID, customer, oneOfEach, oslo, purchased, refunded, registered } from '../testing/customer-fixtures';
import { customerDecider } from './customer.decider';
import type { CustomerState } from './customer.state';

describe('customer: evolve', () => {
  it('starts unregistered', () => {
    expect(customer.given([]).state()).toMatchObject({ registered: false, consents: { email: false, sms: false, phone: false } });
  });

  it('folds one event of every type into the profile an agent sees', () => {
    const expected: CustomerState = {
      registered: true,
      customerId: CUSTOMER_ID,
      name: 'Kari Nordmann',
      email: 'kari@example.com',
      phone: '+47 912 34 567',
      homeLocationId: oslo.locationId,
      registeredAt: '2025-01-01T08:00:00Z',
      consents: { email: true, sms: false, phone: false },
      preferences: { entrance: 'knock at the side door' },
      purchases: { 'p-1': { locationId: oslo.locationId, currency: 'NOK', amountMinor: 150_00, refundedMinor: 50_00, occurredAt: '2025-02-01T10:00:00Z' } },
      complaints: {
        'cmp-1': { status: 'open', category: 'billing', severity: 'medium', locationId: oslo.locationId, openedAt: '2025-02-03T10:00:00Z', reopenCount: 1 },
      },
      usedIds: { call: ['call-1'], email: ['email-1'], purchase: ['p-1'], refund: ['r-1'], complaint: ['cmp-1'], survey: ['nps-1'] },
      totals: {
        purchaseCount: 1,
        refundCount: 1,
        callCount: 1,
        emailCount: 1,
        complaintCount: 1,
        openComplaintCount: 1,
        surveyCount: 1,
        netSpendMinor: { NOK: 100_00 },
        firstPurchaseAt: '2025-02-01T10:00:00Z',
        lastPurchaseAt: '2025-02-01T10:00:00Z',
        lastContactAt: '2025-01-06T08:00:00.500Z',
        lastSatisfactionScore: 9,
      },
    };
    expect(customer.given(oneOfEach).state()).toStrictEqual(expected);
  });

  it('is JSON-friendly: the state survives a JSON round trip unchanged', () => {
    const state = customer.given(oneOfEach).state();
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  });

  it('never mutates the state it is given (every event applied to a deeply frozen state)', () => {
    let state = deepFreeze(customer.given([]).state());
    for (const event of oneOfEach) state = deepFreeze(customerDecider.evolve(state, event));
    expect(state).toStrictEqual(customer.given(oneOfEach).state());
    expect(customerDecider.initialState.usedIds.call).toEqual([]);
  });

  it('keeps a resolved complaint out of the open count and records when', () => {
    const state = customer.given(oneOfEach.slice(0, 14)).state();
    expect(state.complaints['cmp-1']).toMatchObject({ status: 'resolved', resolvedAt: '2025-02-04T10:00:00Z', reopenCount: 0 });
    expect(state.totals.openComplaintCount).toBe(0);
  });

  it('sums net spend per currency and orders purchase dates as instants', () => {
    const state = foldEvents(customerDecider, [
      registered,
      purchased('p-1', 100_00),
      refunded('r-1', 'p-1', 30_00),
      purchased('p-2', 20_00, berlin),
      purchased('p-3', 5_00, oslo, '2025-01-15T00:00:00.250Z'),
      complaintOpened('c'),
    ]);
    expect(state.totals).toMatchObject({
      purchaseCount: 3,
      netSpendMinor: { NOK: 75_00, EUR: 20_00 },
      firstPurchaseAt: '2025-01-15T00:00:00.250Z',
      lastPurchaseAt: '2025-02-01T10:00:00Z',
      openComplaintCount: 1,
    });
  });

  it('stores caller-chosen keys as own properties, even "__proto__"', () => {
    const state = customer
      .given([registered, { type: 'PreferenceRecorded', data: { key: '__proto__', value: 'x', occurredAt: '2025-01-01T00:00:00Z' } }])
      .state();
    expect(Object.hasOwn(state.preferences, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(state.preferences)).toBe(Object.prototype);
  });
});

describe('customer: fold', () => {
  it('equals reducing with evolve after every prefix of a stream', () => {
    for (let length = 0; length <= oneOfEach.length; length++) {
      const events = oneOfEach.slice(0, length);
      expect(customerDecider.fold(events)).toStrictEqual(foldEvents(customerDecider, events));
    }
  });

  it('continues from a given state without changing it', () => {
    const middle = deepFreeze(customerDecider.fold(oneOfEach.slice(0, 9)));
    expect(customerDecider.fold(oneOfEach.slice(9), middle)).toStrictEqual(foldEvents(customerDecider, oneOfEach));
    expect(middle).toStrictEqual(foldEvents(customerDecider, oneOfEach.slice(0, 9)));
    expect(customerDecider.fold([])).toStrictEqual(customerDecider.initialState);
    expect(customerDecider.fold([])).not.toBe(customerDecider.initialState);
  });

  it('loads a long stream in linear time', () => {
    const events = [registered];
    for (let i = 0; i < 20_000; i++) {
      events.push({ type: 'CallLogged', data: { callId: `call-${i}`, direction: 'inbound', locationId: oslo.locationId, durationSeconds: 1, outcome: 'ok', occurredAt: '2025-01-01T00:00:00Z' } });
      events.push(purchased(`p-${i}`, 100));
    }
    const started = performance.now();
    const state = customerDecider.fold(events);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(state.totals).toMatchObject({ callCount: 20_000, purchaseCount: 20_000, netSpendMinor: { NOK: 2_000_000 } });
  });
});
