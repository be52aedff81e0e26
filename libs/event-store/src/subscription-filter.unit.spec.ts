import { selects, serverFilter } from './subscription-filter';

describe('subscription selection', () => {
  const event = (streamId: string, type: string) => ({ streamId, type });

  it('never selects a system event or a system stream', () => {
    expect(selects({}, event('customer-1', '$streamDeleted'))).toBe(false);
    expect(selects({}, event('$$customer-1', '$metadata'))).toBe(false);
    expect(selects({}, event('$ce-customer', 'CustomerRegistered'))).toBe(false);
    expect(selects({}, event('customer-1', 'CustomerRegistered'))).toBe(true);
  });

  it('applies stream and type prefixes together', () => {
    const selection = { streamPrefixes: ['customer-'], eventTypePrefixes: ['Purchase'] };
    expect(selects(selection, event('customer-1', 'PurchaseRecorded'))).toBe(true);
    expect(selects(selection, event('customer-1', 'EmailChanged'))).toBe(false);
    expect(selects(selection, event('location-1', 'PurchaseRecorded'))).toBe(false);
  });

  it('gives the server the stream prefixes first, else the type prefixes, else "no system events"', () => {
    expect(serverFilter({ streamPrefixes: ['customer-'], eventTypePrefixes: ['P'] })).toMatchObject({ filterOn: 'streamName', prefixes: ['customer-'] });
    expect(serverFilter({ eventTypePrefixes: ['P'] })).toMatchObject({ filterOn: 'eventType', prefixes: ['P'] });
    expect(serverFilter({})).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  it('refuses an empty prefix list or an empty prefix, which would select nothing or everything', () => {
    expect(() => serverFilter({ streamPrefixes: [] })).toThrow('non-empty prefixes');
    expect(() => serverFilter({ eventTypePrefixes: [''] })).toThrow('non-empty prefixes');
  });
});
