import Redis from 'ioredis';
import { ADMIN_KEY, ApiHarness, startApi } from './support/api-harness';
import { givenCustomer, purchase } from './support/fixtures';

describe('idempotent and concurrent commands', () => {
  let api: ApiHarness;
  let redis: Redis;
  beforeAll(async () => {
    api = await startApi();
    redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await api?.stop();
  });

  it('answers a retry with the same Idempotency-Key and body as the first time, appending once', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    const key = api.id('idem');
    const path = `/v1/customers/${customerId}/purchases`;
    const first = await api.request('POST', path, { body: purchase(locationId, 'p1'), headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(200);
    // Same body, keys in another order: the same request.
    const { lines, ...rest } = purchase(locationId, 'p1');
    const second = await api.request('POST', path, { body: { lines, ...Object.fromEntries(Object.entries(rest).reverse()) }, headers: { 'Idempotency-Key': key } });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const events = await api.streamEvents(`customer-${customerId}`);
    expect(events.filter((e) => e.type === 'PurchaseRecorded')).toHaveLength(1);
    expect(events.at(-1)!.metadata.idempotencyKey).toBe(key);
  });

  it('keeps the Idempotency-Keys of different API keys apart', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    const key = api.id('shared');
    const path = `/v1/customers/${customerId}/purchases`;
    const checkout = await api.request('POST', path, { body: purchase(locationId, 'p1'), headers: { 'Idempotency-Key': key } });
    const ops = await api.request('POST', path, { key: ADMIN_KEY, body: purchase(locationId, 'p2'), headers: { 'Idempotency-Key': key } });
    expect([checkout.status, ops.status]).toEqual([200, 200]);
    expect(ops.headers.get('idempotent-replayed')).toBeNull();
    const purchases = (await api.streamEvents(`customer-${customerId}`)).filter((e) => e.type === 'PurchaseRecorded');
    expect(purchases.map((e) => (e.data as { purchaseId: string }).purchaseId)).toEqual(['p1', 'p2']);
  });

  it('answers 422 idempotency_key_reused when the key comes back with another body', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    const key = api.id('idem');
    const path = `/v1/customers/${customerId}/purchases`;
    expect((await api.request('POST', path, { body: purchase(locationId, 'p1'), headers: { 'Idempotency-Key': key } })).status).toBe(200);
    const reused = await api.request('POST', path, { body: purchase(locationId, 'p2'), headers: { 'Idempotency-Key': key } });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ error: 'idempotency_key_reused', message: expect.any(String) });
  });

  it('appends nothing twice even when the stored answer is lost, or twins race', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    const key = api.id('idem');
    const path = `/v1/customers/${customerId}/purchases`;
    const first = await api.request('POST', path, { body: purchase(locationId, 'p1'), headers: { 'Idempotency-Key': key } });
    await redis.del(`ledgerline:idempotency:${key}`);
    const retried = await api.request('POST', path, { body: purchase(locationId, 'p1'), headers: { 'Idempotency-Key': key } });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);

    const twinKey = api.id('twin');
    const twins = await Promise.all(
      [1, 2, 3].map(() => api.request('POST', path, { body: purchase(locationId, 'p-twin'), headers: { 'Idempotency-Key': twinKey } })),
    );
    expect(twins.map((t) => t.status)).toEqual([200, 200, 200]);
    expect(new Set(twins.map((t) => t.body.revision)).size).toBe(1);
    const events = await api.streamEvents(`customer-${customerId}`);
    expect(events.filter((e) => e.type === 'PurchaseRecorded')).toHaveLength(2);
  });

  it('makes a write conditional with If-Match: current revision applies, a stale one is 409', async () => {
    const { customerId } = await givenCustomer(api);
    const path = `/v1/customers/${customerId}`;
    const read = await api.request('GET', path);
    const etag = read.headers.get('etag')!;
    const applied = await api.request('PATCH', path, { body: { name: 'Ada King' }, headers: { 'If-Match': etag } });
    expect(applied.status).toBe(200);
    expect(applied.body.revision).toBe(read.body.revision + 1);
    const stale = await api.request('PATCH', path, { body: { name: 'Ada Byron' }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'revision_mismatch', message: expect.any(String) });
    expect((await api.request('GET', path)).body.name).toBe('Ada King');
  });

  it('lands 20 concurrent purchases on one customer with distinct revisions, losing none', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.request('POST', `/v1/customers/${customerId}/purchases`, { body: purchase(locationId, `p${i}`, 100 + i) })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const revisions = results.map((r) => r.body.revision).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const read = await api.request('GET', `/v1/customers/${customerId}`);
    expect(read.body.totals.purchaseCount).toBe(20);
    expect(read.body.totals.netSpendMinor.EUR).toBe(Array.from({ length: 20 }, (_, i) => 100 + i).reduce((a, b) => a + b));
    const metrics = await api.request('GET', '/metrics', { key: null });
    expect(metrics.text).toMatch(/ledgerline_api_concurrency_conflicts_total\{aggregate="customer",outcome="retried"\} [1-9]/);
  });
});
