import { ApiHarness, startApi } from './support/api-harness';

describe('GET /health when a dependency is down', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // Nothing listens on port 1: PostgreSQL is unreachable, the event store and Redis are fine.
    api = await startApi({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/ledgerline' } });
  }, 60_000);
  afterAll(async () => api?.stop());

  it('answers 503 naming the dependency that is down, and the ones that are up', async () => {
    const res = await api.request('GET', '/health', { key: null });
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('unavailable');
    expect(res.body.checks.postgres.status).toBe('down');
    expect(res.body.checks.postgres.error).toEqual(expect.any(String));
    expect(res.body.checks.eventStore).toEqual({ status: 'up' });
    expect(res.body.checks.redis).toEqual({ status: 'up' });
  });

  it('still takes commands: the command side does not need the read models', async () => {
    const locationId = api.id('store');
    const res = await api.request('POST', '/v1/locations', { body: { locationId, name: 'Harbour', region: 'west', currency: 'EUR' } });
    expect(res.status).toBe(201);
  });
});
