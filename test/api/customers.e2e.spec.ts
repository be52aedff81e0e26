import { get } from 'node:http';
import { ApiHarness, READER_KEY, startApi, type TestResponse } from './support/api-harness';
import { AT, givenCustomer, purchase } from './support/fixtures';

function statusOf(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

describe('customer commands and reads', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(() => api?.stop());

  const expectApplied = (res: TestResponse, customerId: string, revision: number) => {
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ customerId, revision, position: expect.stringMatching(/^\d+$/) });
    expect(res.headers.get('etag')).toBe(`"${revision}"`);
  };

  it('registers a customer with a generated id, readable by any valid key', async () => {
    const { locationId } = await givenCustomer(api);
    const created = await api.request('POST', '/v1/customers', { body: { name: 'Grace Hopper', phone: '+1 555 0100', homeLocationId: locationId } });
    expect(created.status).toBe(201);
    expect(created.body.customerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.revision).toBe(0);

    const read = await api.request('GET', `/v1/customers/${created.body.customerId}`, { key: READER_KEY });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ customerId: created.body.customerId, registered: true, name: 'Grace Hopper', homeLocationId: locationId, revision: 0 });
    expect(read.headers.get('etag')).toBe('"0"');
    // Not through fetch: a fetch with If-None-Match also sends Cache-Control: no-cache, which asks for the whole answer.
    const statusIfNoneMatch = (etag: string) => statusOf(`${api.url}/v1/customers/${created.body.customerId}`, { authorization: `Bearer ${READER_KEY}`, 'if-none-match': etag });
    expect(await statusIfNoneMatch('"0"')).toBe(304);
    expect(await statusIfNoneMatch('"1"')).toBe(200);
  });

  it('registers a customer at a past business time: the event and the state carry it', async () => {
    const { locationId } = await givenCustomer(api);
    const customerId = api.id('cust');
    const registeredAt = '2024-06-01T08:30:00Z';
    const created = await api.request('POST', '/v1/customers', { body: { customerId, name: 'Ada Lovelace', homeLocationId: locationId, occurredAt: registeredAt } });
    expect(created.status).toBe(201);
    const [registered] = await api.streamEvents(`customer-${customerId}`);
    expect(registered).toMatchObject({ type: 'CustomerRegistered', data: { customerId, occurredAt: registeredAt } });
    expect((await api.request('GET', `/v1/customers/${customerId}`)).body.registeredAt).toBe(registeredAt);
  });

  it('answers 404 for an unknown customer, read or commanded, and for an unknown home location', async () => {
    const read = await api.request('GET', '/v1/customers/nobody');
    expect(read.status).toBe(404);
    expect(read.body).toMatchObject({ error: 'not_found', message: expect.stringContaining('nobody') });
    const call = await api.request('POST', '/v1/customers/nobody/emails', { body: { emailId: 'e1', direction: 'outbound', subject: 'Hi', occurredAt: AT } });
    expect(call.status).toBe(404);
    const orphan = await api.request('POST', '/v1/customers', { body: { name: 'Nobody', homeLocationId: 'no-such-store' } });
    expect(orphan.status).toBe(404);
    expect(orphan.body.details).toEqual([{ path: 'location', reason: expect.stringContaining('no-such-store') }]);
  });

  it('changes contact details, logs calls and emails', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    expectApplied(await api.request('PATCH', `/v1/customers/${customerId}`, { body: { email: 'ada@analytical.engine' } }), customerId, 1);
    expectApplied(
      await api.request('POST', `/v1/customers/${customerId}/calls`, {
        body: { callId: 'c1', direction: 'inbound', locationId, durationSeconds: 120, outcome: 'answered', occurredAt: AT, notes: 'asked about hours' },
      }),
      customerId,
      2,
    );
    expectApplied(
      await api.request('POST', `/v1/customers/${customerId}/emails`, { body: { emailId: 'e1', direction: 'outbound', subject: 'Welcome', campaign: 'spring', occurredAt: AT } }),
      customerId,
      3,
    );
    const events = await api.streamEvents(`customer-${customerId}`);
    expect(events.map((e) => e.type)).toEqual(['CustomerRegistered', 'ContactDetailsChanged', 'CallLogged', 'EmailLogged']);
    const read = await api.request('GET', `/v1/customers/${customerId}`);
    expect(read.body).toMatchObject({ email: 'ada@analytical.engine', totals: { callCount: 1, emailCount: 1 } });
  });

  it('records purchases and refunds, and refuses a refund larger than the purchase with 422 naming the rule', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    expectApplied(await api.request('POST', `/v1/customers/${customerId}/purchases`, { body: purchase(locationId, 'p1', 5000) }), customerId, 1);
    expectApplied(
      await api.request('POST', `/v1/customers/${customerId}/refunds`, { body: { refundId: 'r1', purchaseId: 'p1', amountMinor: 1000, occurredAt: AT, reason: 'damaged' } }),
      customerId,
      2,
    );
    const tooMuch = await api.request('POST', `/v1/customers/${customerId}/refunds`, { body: { refundId: 'r2', purchaseId: 'p1', amountMinor: 4001, occurredAt: AT } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ error: 'rule_violated', rule: 'refund-exceeds-remaining', details: [{ path: 'refund-exceeds-remaining' }] });
    const read = await api.request('GET', `/v1/customers/${customerId}`);
    expect(read.body.totals.netSpendMinor).toEqual({ EUR: 4000 });
  });

  it('opens, resolves and reopens complaints, and records satisfaction', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    const base = `/v1/customers/${customerId}`;
    expectApplied(
      await api.request('POST', `${base}/complaints`, { body: { complaintId: 'k1', category: 'billing', severity: 'high', channel: 'phone', locationId, occurredAt: AT } }),
      customerId,
      1,
    );
    expectApplied(
      await api.request('POST', `${base}/complaints/k1/resolution`, { body: { resolution: 'refunded', resolvedOnFirstContact: true, occurredAt: AT } }),
      customerId,
      2,
    );
    const again = await api.request('POST', `${base}/complaints/k1/resolution`, { body: { resolution: 'again', resolvedOnFirstContact: false, occurredAt: AT } });
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe('complaint-not-open');
    expectApplied(await api.request('POST', `${base}/complaints/k1/reopening`, { body: { reason: 'charged twice', occurredAt: AT } }), customerId, 3);
    expectApplied(await api.request('POST', `${base}/satisfaction`, { body: { surveyId: 's1', score: 9, locationId, occurredAt: AT, comment: 'great' } }), customerId, 4);
    const read = await api.request('GET', base);
    expect(read.body.complaints.k1).toMatchObject({ status: 'open', reopenCount: 1 });
    expect(read.body.totals.lastSatisfactionScore).toBe(9);
  });

  it('sets and removes preferences, gives and withdraws consent; a no-op answers 200 with the current revision', async () => {
    const { customerId } = await givenCustomer(api);
    const base = `/v1/customers/${customerId}`;
    expectApplied(await api.request('PUT', `${base}/preferences/contact-time`, { body: { value: 'evenings' } }), customerId, 1);
    const same = await api.request('PUT', `${base}/preferences/contact-time`, { body: { value: 'evenings' } });
    expectApplied(same, customerId, 1);
    expectApplied(await api.request('PUT', `${base}/consents/sms`, { body: { granted: true } }), customerId, 2);
    expectApplied(await api.request('PUT', `${base}/consents/sms`, { body: { granted: false } }), customerId, 3);
    expectApplied(await api.request('DELETE', `${base}/preferences/contact-time`), customerId, 4);
    const missing = await api.request('DELETE', `${base}/preferences/contact-time`);
    expect(missing.status).toBe(422);
    expect(missing.body.rule).toBe('unknown-preference');
    const badChannel = await api.request('PUT', `${base}/consents/pigeon`, { body: { granted: true } });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.details[0].path).toBe('channel');
    const events = await api.streamEvents(`customer-${customerId}`);
    expect(events.map((e) => e.type)).toEqual(['CustomerRegistered', 'PreferenceRecorded', 'ConsentGiven', 'ConsentWithdrawn', 'PreferenceRemoved']);
  });

  it('dates contact details, preferences and consents by the occurredAt they carry; a no-op stays one', async () => {
    const { customerId } = await givenCustomer(api);
    const base = `/v1/customers/${customerId}`;
    const at = (day: number) => `2024-06-${String(day).padStart(2, '0')}T09:00:00Z`;
    expectApplied(await api.request('PATCH', base, { body: { phone: '+47 912 34 567', occurredAt: at(2) } }), customerId, 1);
    expectApplied(await api.request('PUT', `${base}/preferences/entrance`, { body: { value: 'side door', occurredAt: at(3) } }), customerId, 2);
    expectApplied(await api.request('PUT', `${base}/consents/email`, { body: { granted: true, occurredAt: at(4) } }), customerId, 3);
    expectApplied(await api.request('PUT', `${base}/consents/email`, { body: { granted: true, occurredAt: at(5) } }), customerId, 3);
    expectApplied(await api.request('PUT', `${base}/consents/email`, { body: { granted: false, occurredAt: at(6) } }), customerId, 4);
    expectApplied(await api.request('DELETE', `${base}/preferences/entrance?occurredAt=${encodeURIComponent(at(7))}`), customerId, 5);
    const events = await api.streamEvents(`customer-${customerId}`);
    expect(events.slice(1).map((e) => [e.type, (e.data as { occurredAt: string }).occurredAt])).toEqual([
      ['ContactDetailsChanged', at(2)],
      ['PreferenceRecorded', at(3)],
      ['ConsentGiven', at(4)],
      ['ConsentWithdrawn', at(6)],
      ['PreferenceRemoved', at(7)],
    ]);
  });

  it('answers 400 naming occurredAt when it is not an ISO 8601 UTC instant, on every route that takes one', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    const base = `/v1/customers/${customerId}`;
    const bad = '2024-06-01T10:00:00+02:00';
    const answers = [
      await api.request('POST', '/v1/customers', { body: { name: 'Ada', homeLocationId: locationId, occurredAt: bad } }),
      await api.request('PATCH', base, { body: { name: 'Ada', occurredAt: bad } }),
      await api.request('PUT', `${base}/preferences/entrance`, { body: { value: 'side door', occurredAt: 'yesterday' } }),
      await api.request('PUT', `${base}/consents/sms`, { body: { granted: true, occurredAt: 1717236000 } }),
      await api.request('DELETE', `${base}/preferences/entrance?occurredAt=${encodeURIComponent(bad)}`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: 'validation_failed', message: expect.any(String), details: [{ path: 'occurredAt', reason: expect.any(String) }] });
    }
    const unknownQuery = await api.request('DELETE', `${base}/preferences/entrance?when=${encodeURIComponent(bad)}`);
    expect(unknownQuery.body.details).toEqual([{ path: 'when', reason: 'unknown field' }]);
    expect(await api.streamEvents(`customer-${customerId}`)).toHaveLength(1);
  });
});
