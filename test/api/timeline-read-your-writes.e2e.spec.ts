import { contactTimelineProjection } from '@ledgerline/projections/contact-timeline';
import { ADMIN_KEY, READER_KEY, startApi, WRITER_KEY, type ApiHarness } from './support/api-harness';

jest.setTimeout(60_000);

describe('reading the contact timeline after writing, with X-Min-Position', () => {
  let api: ApiHarness;
  let locationId: string;

  beforeAll(async () => {
    api = await startApi({ projector: true });
    locationId = api.id('loc');
    const created = await api.request('POST', '/v1/locations', { body: { locationId, name: 'Oslo', region: 'north', currency: 'NOK', timezone: 'Europe/Oslo' } });
    expect(created.status).toBe(201);
  });
  afterAll(() => api?.stop());

  const register = async () => {
    const answer = await api.request('POST', '/v1/customers', { body: { name: 'Kari', homeLocationId: locationId } });
    expect(answer.status).toBe(201);
    return answer.body as { customerId: string; position: string };
  };

  it('sees a purchase at once when the query waits for the position its command answered', async () => {
    const { customerId } = await register();
    const purchase = await api.request('POST', `/v1/customers/${customerId}/purchases`, {
      // After the registration, which happened when it was logged (now).
      body: { purchaseId: 'p-1', locationId, amountMinor: 12_550, currency: 'NOK', occurredAt: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(purchase.status).toBe(200);
    const timeline = await api.request('GET', `/v1/customers/${customerId}/timeline`, { key: READER_KEY, headers: { 'X-Min-Position': purchase.body.position } });
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.map((item: { type: string }) => item.type)).toEqual(['PurchaseRecorded', 'CustomerRegistered']);
    expect(timeline.body.items[0]).toMatchObject({ summary: 'Purchase p-1: 125.50 NOK', locationId, channel: 'purchase', data: { amountMinor: 12_550 } });
    expect(timeline.body.nextCursor).toBeNull();
  });

  it('pages through a long timeline with the cursor, newest first', async () => {
    const { customerId } = await register();
    let position = '';
    for (let i = 0; i < 7; i++) {
      const call = await api.request('POST', `/v1/customers/${customerId}/calls`, {
        body: { callId: `c-${i}`, direction: 'inbound', locationId, durationSeconds: 60, outcome: `call ${i}`, occurredAt: `2026-03-0${i + 1}T10:00:00Z` },
      });
      position = call.body.position;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?types=CallLogged&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = await api.request('GET', `/v1/customers/${customerId}/timeline${query}`, { key: READER_KEY, headers: { 'X-Min-Position': position } });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { data: { callId: string } }) => item.data.callId));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['c-6', 'c-5', 'c-4', 'c-3', 'c-2', 'c-1', 'c-0']);
  });

  it('answers 503 naming the projection when it cannot reach the position within 5 s', async () => {
    const { customerId } = await register();
    const future = String(10n ** 15n);
    const started = Date.now();
    const answer = await api.request('GET', `/v1/customers/${customerId}/timeline`, { key: READER_KEY, headers: { 'X-Min-Position': future } });
    expect(answer.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    expect(answer.body).toMatchObject({ error: 'projection_behind', details: [{ path: 'X-Min-Position', reason: expect.stringContaining('contact-timeline') }] });
  });

  it('refuses bad query input with the field and the reason', async () => {
    const { customerId } = await register();
    const bad = await api.request('GET', `/v1/customers/${customerId}/timeline?types=Teleport&limit=0&cursor=nope&from=yesterday`, { key: READER_KEY });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['cursor', 'from', 'limit', 'types.0']);
    const header = await api.request('GET', `/v1/customers/${customerId}/timeline`, { key: READER_KEY, headers: { 'X-Min-Position': 'soon' } });
    expect(header.status).toBe(400);
    expect(header.body.details).toEqual([{ path: 'X-Min-Position', reason: expect.any(String) }]);
  });

  it('needs analytics:read for the timeline, and admin or analytics:read for the projections status', async () => {
    const { customerId } = await register();
    expect((await api.request('GET', `/v1/customers/${customerId}/timeline`, { key: WRITER_KEY })).status).toBe(403);
    expect((await api.request('GET', '/v1/projections', { key: WRITER_KEY })).status).toBe(403);
    const status = await api.request('GET', '/v1/projections', { key: ADMIN_KEY });
    expect(status.status).toBe(200);
    expect(status.body.projections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'contact-timeline',
          state: 'live',
          builds: [expect.objectContaining({ status: 'live', version: contactTimelineProjection.version, deadLetters: 0, lagEventsExact: true })],
        }),
      ]),
    );
    // The projector of this harness holds the lock, and the OpenAPI document lists every field the status has.
    const timeline = status.body.projections.find((projection: { name: string }) => projection.name === 'contact-timeline');
    expect(timeline.leader).toEqual(expect.stringMatching(/:\d+$/));
    const docs = await api.request('GET', '/docs/openapi.json', { key: null });
    const documented = docs.body.paths['/v1/projections'].get.responses['200'].content['application/json'].schema.properties.projections.items;
    expect(Object.keys(documented.properties).sort()).toEqual(Object.keys(timeline).sort());
    expect(Object.keys(documented.properties.builds.items.properties).sort()).toEqual(Object.keys(timeline.builds[0]).sort());
  });
});
