import { ApiHarness, startApi } from './support/api-harness';

describe('POST /v1/locations', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(() => api?.stop());

  it('registers a location: 201 with its revision, position and ETag', async () => {
    const locationId = api.id('store');
    const res = await api.request('POST', '/v1/locations', { body: { locationId, name: 'Main Street', region: 'north', currency: 'EUR', timezone: 'Europe/Paris' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ locationId, revision: 0, position: expect.stringMatching(/^\d+$/) });
    expect(res.headers.get('etag')).toBe('"0"');
    const events = await api.streamEvents(`location-${locationId}`);
    expect(events.map((e) => e.type)).toEqual(['LocationRegistered']);
    expect(events[0].metadata).toMatchObject({ actor: 'service:checkout', source: 'api', schemaVersion: 1 });
  });

  it('registers a location at a past business time', async () => {
    const locationId = api.id('store');
    const body = { locationId, name: 'Old Town', region: 'north', currency: 'EUR', occurredAt: '2023-09-01T07:00:00Z' };
    expect((await api.request('POST', '/v1/locations', { body })).status).toBe(201);
    const [registered] = await api.streamEvents(`location-${locationId}`);
    expect(registered.data).toMatchObject({ locationId, occurredAt: '2023-09-01T07:00:00Z' });
    const bad = await api.request('POST', '/v1/locations', { body: { ...body, locationId: api.id('store'), occurredAt: '2023-09-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ path: 'occurredAt', reason: expect.any(String) }]);
  });

  it('answers 409 when the location already exists', async () => {
    const body = { locationId: api.id('store'), name: 'Harbour', region: 'south', currency: 'EUR' };
    expect((await api.request('POST', '/v1/locations', { body })).status).toBe(201);
    const again = await api.request('POST', '/v1/locations', { body });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'already_exists', message: expect.any(String) });
  });

  it('answers 400 naming each bad field', async () => {
    const res = await api.request('POST', '/v1/locations', { body: { locationId: '', name: 'x', currency: 'euro', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['locationId', 'region', 'currency', 'extra']));
  });
});
