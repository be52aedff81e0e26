import type { ApiHarness } from './api-harness';

export const AT = '2025-03-01T10:00:00Z';

/** A registered location and a customer at it, with unique ids. */
export async function givenCustomer(api: ApiHarness, currency = 'EUR'): Promise<{ customerId: string; locationId: string }> {
  const locationId = api.id('store');
  const location = await api.request('POST', '/v1/locations', { body: { locationId, name: 'Main Street', region: 'north', currency } });
  if (location.status !== 201) throw new Error(`location: ${location.status} ${location.text}`);
  const customerId = api.id('cust');
  const customer = await api.request('POST', '/v1/customers', { body: { customerId, name: 'Ada Lovelace', email: 'ada@example.com', homeLocationId: locationId } });
  if (customer.status !== 201) throw new Error(`customer: ${customer.status} ${customer.text}`);
  return { customerId, locationId };
}

export const purchase = (locationId: string, purchaseId: string, amountMinor = 1999) => ({
  purchaseId,
  locationId,
  amountMinor,
  currency: 'EUR',
  occurredAt: AT,
  lines: [{ sku: 'SKU-1', quantity: 1, unitPriceMinor: amountMinor }],
});
