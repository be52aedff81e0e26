import { ApiHarness, startApi } from './support/api-harness';
import { AT, givenCustomer, purchase } from './support/fixtures';

/**
 * Two API instances on one event log, as in production: each keeps folded customers between
 * commands, so each is regularly behind what the other wrote. Decisions must still rest on the log.
 */
describe('several API instances writing the same customers', () => {
  let a: ApiHarness;
  let b: ApiHarness;
  beforeAll(async () => {
    a = await startApi();
    b = await startApi({ eventStore: a.eventStore });
  }, 60_000);
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const revisionsOf = async (customerId: string) => (await a.streamEvents(`customer-${customerId}`)).map((e) => Number(e.revision));

  it('appends after the other instance moved the stream, on top of what it wrote', async () => {
    const { customerId, locationId } = await givenCustomer(a);
    expect((await a.request('POST', `/v1/customers/${customerId}/purchases`, { body: purchase(locationId, 'p1') })).status).toBe(200);
    expect((await b.request('POST', `/v1/customers/${customerId}/purchases`, { body: purchase(locationId, 'p2') })).status).toBe(200);
    const third = await a.request('POST', `/v1/customers/${customerId}/purchases`, { body: purchase(locationId, 'p3') });
    expect(third.status).toBe(200);
    expect(third.body.revision).toBe(3);
    expect(await revisionsOf(customerId)).toEqual([0, 1, 2, 3]);
    const state = await a.request('GET', `/v1/customers/${customerId}`);
    expect(Object.keys(state.body.purchases ?? state.body.state?.purchases ?? {}).sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('does not refuse a command for a fact only the other instance has seen', async () => {
    const { customerId, locationId } = await givenCustomer(a);
    expect((await a.request('POST', `/v1/customers/${customerId}/purchases`, { body: purchase(locationId, 'p1') })).status).toBe(200);
    expect((await b.request('POST', `/v1/customers/${customerId}/purchases`, { body: purchase(locationId, 'p2', 5000) })).status).toBe(200);
    // a's kept customer knows nothing of p2: refunding it must not be "unknown purchase".
    const refund = await a.request('POST', `/v1/customers/${customerId}/refunds`, {
      body: { refundId: 'r1', purchaseId: 'p2', amountMinor: 1500, occurredAt: AT },
    });
    expect(refund.status).toBe(200);
    // Nor may a kept state let a rule slip: b refunds more of p2, then a's refund of the rest + 1 is refused.
    expect((await b.request('POST', `/v1/customers/${customerId}/refunds`, { body: { refundId: 'r2', purchaseId: 'p2', amountMinor: 3000, occurredAt: AT } })).status).toBe(200);
    const over = await a.request('POST', `/v1/customers/${customerId}/refunds`, { body: { refundId: 'r3', purchaseId: 'p2', amountMinor: 501, occurredAt: AT } });
    expect(over.status).toBe(422);
    expect(over.body.rule).toBe('refund-exceeds-remaining');
  });

  it('does not take a change the other instance undid for "nothing to do"', async () => {
    const { customerId } = await givenCustomer(a);
    const consent = (api: ApiHarness, granted: boolean) =>
      api.request('PUT', `/v1/customers/${customerId}/consents/email`, { body: { granted } });
    expect((await consent(a, true)).status).toBe(200);
    expect((await consent(b, false)).status).toBe(200);
    expect((await consent(a, true)).status).toBe(200);
    const types = (await a.streamEvents(`customer-${customerId}`)).map((e) => e.type);
    expect(types.filter((t) => t.startsWith('Consent'))).toEqual(['ConsentGiven', 'ConsentWithdrawn', 'ConsentGiven']);
  });
});
