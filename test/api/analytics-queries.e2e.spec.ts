import { READER_KEY, startApi, WRITER_KEY, type ApiHarness } from './support/api-harness';

jest.setTimeout(60_000);

/** A small day at one location, posted through the API, then read back through every analytics query. */
describe('analytics queries over the read models', () => {
  let api: ApiHarness;
  let oslo: string;
  let bergen: string;
  let kari: string;
  let ola: string;
  let position = '0';

  const post = async (path: string, body: unknown, status = 200) => {
    const answer = await api.request('POST', path, { body });
    expect(answer.status).toBe(status);
    position = answer.body.position;
    return answer.body;
  };
  const get = (path: string) => api.request('GET', path, { key: READER_KEY, headers: { 'X-Min-Position': position } });

  beforeAll(async () => {
    api = await startApi({ projector: true });
    oslo = api.id('oslo');
    bergen = api.id('bergen');
    await post('/v1/locations', { locationId: oslo, name: 'Oslo', region: 'north', currency: 'NOK', timezone: 'Europe/Oslo' }, 201);
    await post('/v1/locations', { locationId: bergen, name: 'Bergen', region: 'west', currency: 'NOK' }, 201);
    kari = (await post('/v1/customers', { name: 'Kari', email: 'kari@example.com', homeLocationId: oslo }, 201)).customerId;
    ola = (await post('/v1/customers', { name: 'Ola', homeLocationId: bergen }, 201)).customerId;
    // 23:30 UTC on 1 March is 00:30 on 2 March in Oslo.
    await post(`/v1/customers/${kari}/purchases`, { purchaseId: 'k1', locationId: oslo, amountMinor: 10_000, currency: 'NOK', occurredAt: '2026-03-01T23:30:00Z' });
    await post(`/v1/customers/${kari}/purchases`, { purchaseId: 'k2', locationId: oslo, amountMinor: 30_000, currency: 'NOK', occurredAt: '2026-03-02T12:00:00Z' });
    await post(`/v1/customers/${kari}/refunds`, { refundId: 'r1', purchaseId: 'k2', amountMinor: 5_000, occurredAt: '2026-03-02T13:00:00Z' });
    await post(`/v1/customers/${ola}/purchases`, { purchaseId: 'o1', locationId: bergen, amountMinor: 99_000, currency: 'NOK', occurredAt: '2026-03-02T09:00:00Z' });
    await post(`/v1/customers/${kari}/complaints`, { complaintId: 'c1', category: 'billing', severity: 'low', channel: 'phone', locationId: oslo, occurredAt: '2026-03-02T14:00:00Z' });
    await post(`/v1/customers/${kari}/complaints/c1/resolution`, { resolution: 'explained', resolvedOnFirstContact: true, occurredAt: '2026-03-02T14:30:00Z' });
    await post(`/v1/customers/${kari}/satisfaction`, { surveyId: 's1', score: 10, locationId: oslo, occurredAt: '2026-03-02T15:00:00Z' });
    await post(`/v1/customers/${ola}/satisfaction`, { surveyId: 's2', score: 3, locationId: bergen, occurredAt: '2026-03-02T15:00:00Z' });
    const preference = await api.request('PUT', `/v1/customers/${kari}/preferences/door`, { body: { value: 'side door' } });
    position = preference.body.position;
  });
  afterAll(() => api?.stop());

  it("answers a location's performance for the day in its time zone", async () => {
    const answer = await get(`/v1/locations/${oslo}/performance?from=2026-03-02&to=2026-03-02`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ locationId: oslo, currency: 'NOK', granularity: 'day' });
    expect(answer.body.totals).toMatchObject({
      netRevenueMinor: 35_000,
      purchases: 2,
      refunds: 1,
      averageTicketMinor: 20_000,
      newCustomers: 1,
      complaintsOpened: 1,
      complaintsResolved: 1,
      firstContactResolutionRate: 1,
      medianResolutionSeconds: 1800,
      nps: 100,
    });
    const month = await get(`/v1/locations/${oslo}/performance?from=2026-03-01&to=2026-03-31&granularity=month`);
    expect(month.body.buckets).toEqual([expect.objectContaining({ start: '2026-03-01', purchases: 2 })]);
  });

  it('ranks the network by a metric', async () => {
    const answer = await get('/v1/locations/performance?from=2026-03-01&to=2026-03-31&orderBy=netRevenueMinor');
    expect(answer.status).toBe(200);
    const ours = answer.body.locations.filter((row: { locationId: string }) => [oslo, bergen].includes(row.locationId));
    expect(ours.map((row: { locationId: string }) => row.locationId)).toEqual([bergen, oslo]);
    const nok = await get('/v1/locations/performance?from=2026-03-01&to=2026-03-31&orderBy=netRevenueMinor&currency=NOK');
    expect(nok.body.locations.map((row: { locationId: string }) => row.locationId)).toEqual(expect.arrayContaining([oslo, bergen]));
    expect(nok.body.locations.every((row: { currency: string }) => row.currency === 'NOK')).toBe(true);
    const bad = await get('/v1/locations/performance?from=2026-03-01&to=2026-03-31&currency=kroner');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ path: 'currency' })]);
  });

  it("answers a customer's lifetime value and profile", async () => {
    const value = await get(`/v1/customers/${kari}/lifetime-value`);
    expect(value.status).toBe(200);
    expect(value.body).toMatchObject({ customerId: kari, values: [{ currency: 'NOK', netRevenueMinor: 35_000, orders: 2 }] });
    const profile = await get(`/v1/customers/${kari}/profile`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ customerId: kari, name: 'Kari', email: 'kari@example.com', preferences: [expect.objectContaining({ key: 'door', value: 'side door' })] });
    expect(profile.body.openComplaints).toEqual([]);
  });

  it('lists the top customers of a location', async () => {
    const answer = await get(`/v1/analytics/lifetime-value?locationId=${bergen}&limit=5`);
    expect(answer.status).toBe(200);
    expect(answer.body.customers.map((customer: { customerId: string }) => customer.customerId)).toEqual([ola]);
  });

  it('answers 404 for an unknown location or customer, 400 for a bad period, 403 without analytics:read', async () => {
    const location = await get('/v1/locations/nowhere/performance?from=2026-03-01&to=2026-03-02');
    expect(location.status).toBe(404);
    // The same body as a command on an unknown customer or location: the entity names the path.
    expect(location.body).toEqual({ error: 'not_found', message: 'location nowhere does not exist', details: [{ path: 'location', reason: 'nowhere does not exist' }] });
    const customer = await get('/v1/customers/nobody/lifetime-value');
    expect(customer.status).toBe(404);
    expect(customer.body.details).toEqual([{ path: 'customer', reason: 'nobody does not exist' }]);
    expect((await get('/v1/customers/nobody/profile')).status).toBe(404);
    const backwards = await get(`/v1/locations/${oslo}/performance?from=2026-03-05&to=2026-03-01`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.details).toEqual([{ path: 'to', reason: 'must not be before from' }]);
    const bad = await get(`/v1/locations/${oslo}/performance?from=2026-3-5&to=2026-03-01&granularity=year`);
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['from', 'granularity']);
    expect((await api.request('GET', `/v1/customers/${kari}/profile`, { key: WRITER_KEY })).status).toBe(403);
  });
});
