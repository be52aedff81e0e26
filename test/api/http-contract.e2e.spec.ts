import { ApiHarness, READER_KEY, startApi } from './support/api-harness';
import { givenCustomer, purchase } from './support/fixtures';

describe('HTTP contract: auth, validation, errors, operations', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  }, 60_000);
  afterAll(() => api?.stop());

  it('answers 401 without a valid key and 403 without the scope', async () => {
    const body = { locationId: api.id('store'), name: 'X', region: 'r', currency: 'EUR' };
    const none = await api.request('POST', '/v1/locations', { body, key: null });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
    expect((await api.request('POST', '/v1/locations', { body, key: 'not-a-key-at-all-000000' })).status).toBe(401);
    expect((await api.request('GET', '/v1/customers/x', { key: null })).status).toBe(401);
    const reader = await api.request('POST', '/v1/locations', { body, key: READER_KEY });
    expect(reader.status).toBe(403);
    expect(reader.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('commands:write') });
  });

  it('answers 400 naming each bad field: unknown, wrong type, negative money, bad date, oversized text', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    const res = await api.request('POST', `/v1/customers/${customerId}/purchases`, {
      body: { ...purchase(locationId, 'p1'), amountMinor: -5, occurredAt: 'yesterday', currency: 42, coupon: 'FREE', lines: [{ sku: 'x'.repeat(101), quantity: 1, unitPriceMinor: 1, colour: 'red' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', message: expect.any(String) });
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['amountMinor', 'occurredAt', 'currency', 'coupon', 'lines.0.sku', 'lines.0.colour']));
    for (const detail of res.body.details) expect(detail.reason).toEqual(expect.any(String));
    const missing = await api.request('POST', `/v1/customers/${customerId}/calls`, { body: { direction: 'sideways' } });
    expect(missing.body.details).toEqual(expect.arrayContaining([{ path: 'callId', reason: 'is required' }, expect.objectContaining({ path: 'direction' })]));
    const atLeastOne = await api.request('PATCH', `/v1/customers/${customerId}`, { body: {} });
    expect(atLeastOne.status).toBe(400);
  });

  it('answers 400 for malformed JSON and bad headers, and 404 for unknown routes, always as { error, message }', async () => {
    const malformed = await api.request('POST', '/v1/locations', { body: '{"locationId":', headers: {} });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    const { customerId } = await givenCustomer(api);
    const badIfMatch = await api.request('PATCH', `/v1/customers/${customerId}`, { body: { name: 'A' }, headers: { 'If-Match': 'yesterday' } });
    expect(badIfMatch.status).toBe(400);
    expect(badIfMatch.body.details).toEqual([{ path: 'If-Match', reason: expect.any(String) }]);
    const unknown = await api.request('GET', '/v1/nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found', message: expect.any(String) });
  });

  it('echoes X-Correlation-Id and writes it, with the actor, into the events', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    const res = await api.request('POST', `/v1/customers/${customerId}/purchases`, { body: purchase(locationId, 'p-corr'), headers: { 'X-Correlation-Id': 'flow-123' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe('flow-123');
    const generated = await api.request('GET', '/v1/customers/x');
    expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const events = await api.streamEvents(`customer-${customerId}`);
    expect(events.at(-1)!.metadata).toMatchObject({ correlationId: 'flow-123', actor: 'service:checkout', source: 'api', schemaVersion: expect.any(Number) });
    expect(events.at(-1)!.metadata.causationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /health reports each dependency without a key', async () => {
    const res = await api.request('GET', '/health', { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { eventStore: { status: 'up' }, postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('GET /metrics exposes requests by route and status, latency, appends', async () => {
    const { customerId, locationId } = await givenCustomer(api);
    await api.request('POST', `/v1/customers/${customerId}/purchases`, { body: purchase(locationId, 'p-metrics') });
    const res = await api.request('GET', '/metrics', { key: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toMatch(/ledgerline_api_http_requests_total\{method="POST",route="\/v1\/customers\/:id\/purchases",status="200"\} \d+/);
    expect(res.text).toContain('ledgerline_api_http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/ledgerline_api_appends_total\{aggregate="customer"\} \d+/);
    expect(res.text).toContain('ledgerline_api_concurrency_conflicts_total');
    expect(res.text).toContain('ledgerline_api_idempotent_replays_total');
  });

  it('serves an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const page = await api.request('GET', '/docs', { key: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain('/docs/openapi.json');
    const res = await api.request('GET', '/docs/openapi.json', { key: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const purchases = res.body.paths['/v1/customers/{id}/purchases'].post;
    const schema = purchases.requestBody.content['application/json'].schema;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['purchaseId', 'locationId', 'amountMinor', 'currency', 'occurredAt']));
    expect(schema.properties.amountMinor).toMatchObject({ type: 'integer', minimum: 0 });
    expect(purchases.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' }), expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    expect(Object.keys(purchases.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422']));
    expect(res.body.paths['/v1/customers/{id}/preferences/{key}']).toHaveProperty('put');
    expect(res.body.paths['/v1/customers/{id}/preferences/{key}']).toHaveProperty('delete');
    // Record-keeping commands take an optional business time: in the body, or a DELETE's query.
    const dated = [
      ['/v1/customers', 'post'],
      ['/v1/customers/{id}', 'patch'],
      ['/v1/customers/{id}/preferences/{key}', 'put'],
      ['/v1/customers/{id}/consents/{channel}', 'put'],
      ['/v1/locations', 'post'],
    ] as const;
    for (const [path, method] of dated) {
      const body = res.body.paths[path][method].requestBody.content['application/json'].schema;
      expect(body.properties.occurredAt).toMatchObject({ type: 'string', format: 'date-time', description: expect.stringContaining('ISO 8601 UTC') });
      expect(body.required ?? []).not.toContain('occurredAt');
    }
    expect(res.body.paths['/v1/customers/{id}/preferences/{key}'].delete.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'occurredAt', in: 'query', required: false, schema: expect.objectContaining({ format: 'date-time' }) })]),
    );
    expect(res.body.paths['/v1/locations'].post.responses['201']).toBeDefined();
    expect(res.body.paths['/v1/customers/{id}'].get.security).toEqual([{ apiKey: [] }]);
  });
});
