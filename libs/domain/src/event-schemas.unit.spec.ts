import { parseCustomerEvent } from './customer/parse-customer-event';
import { EVENT_SCHEMA_VERSIONS } from './event-schema-versions';
import type { LocationEvent } from './location/location.events';
import { parseLocationEvent } from './location/parse-location-event';
import { oneOfEach } from './testing/customer-fixtures';
import { EventParseError } from './upcasting';

const locationRegistered: LocationEvent = {
  type: 'LocationRegistered',
  data: { locationId: 'loc-oslo', name: 'Oslo Sentrum', region: 'NO-East', currency: 'NOK', timezone: 'Europe/Oslo', occurredAt: '2025-01-01T00:00:00Z' },
};

describe('event schemas', () => {
  it('has a version for every event type, and the fixtures cover every type', () => {
    const types = new Set([...oneOfEach.map((event) => event.type), locationRegistered.type]);
    expect([...types].sort()).toEqual(Object.keys(EVENT_SCHEMA_VERSIONS).sort());
    expect(Object.values(EVENT_SCHEMA_VERSIONS).every((version) => version === 1)).toBe(true);
  });

  it.each(oneOfEach.map((event) => [event.type, event] as const))('%s round-trips through JSON and parseCustomerEvent', (type, event) => {
    const stored = JSON.parse(JSON.stringify(event.data));
    expect(parseCustomerEvent(type, stored, EVENT_SCHEMA_VERSIONS[type])).toStrictEqual(event);
  });

  it('LocationRegistered round-trips through JSON and parseLocationEvent', () => {
    const stored = JSON.parse(JSON.stringify(locationRegistered.data));
    expect(parseLocationEvent('LocationRegistered', stored, 1)).toStrictEqual(locationRegistered);
  });

  it('drops keys the schema does not know', () => {
    const { data } = parseCustomerEvent('ConsentGiven', { channel: 'sms', occurredAt: '2025-01-01T00:00:00Z', legacy: true }, 1);
    expect(data).toStrictEqual({ channel: 'sms', occurredAt: '2025-01-01T00:00:00Z' });
  });

  const at = '2025-01-01T00:00:00Z';
  const satisfaction = { surveyId: 's', score: 7, locationId: 'l', occurredAt: at };
  const purchase = { purchaseId: 'p', locationId: 'l', amountMinor: 100, currency: 'NOK', occurredAt: at };
  const refund = { refundId: 'r', purchaseId: 'p', locationId: 'l', amountMinor: 1, currency: 'NOK', occurredAt: at };

  it.each([
    ['SatisfactionRecorded', { ...satisfaction, score: 11 }, 'score'],
    ['SatisfactionRecorded', { ...satisfaction, score: -1 }, 'score'],
    ['SatisfactionRecorded', { ...satisfaction, score: 6.5 }, 'score'],
    ['SatisfactionRecorded', { ...satisfaction, score: '7' }, 'score'],
    ['PurchaseRecorded', { ...purchase, amountMinor: -1 }, 'amountMinor'],
    ['PurchaseRecorded', { ...purchase, amountMinor: 1.5 }, 'amountMinor'],
    ['PurchaseRecorded', { ...purchase, currency: 'nok' }, 'currency'],
    ['PurchaseRecorded', { ...purchase, lines: [{ sku: 'x', quantity: 0, unitPriceMinor: 1 }] }, 'lines.0.quantity'],
    ['PurchaseRecorded', { ...purchase, occurredAt: '2025-01-01T01:00:00+01:00' }, 'occurredAt'],
    ['PurchaseRecorded', { ...purchase, occurredAt: 'yesterday' }, 'occurredAt'],
    ['RefundIssued', { ...refund, amountMinor: 0 }, 'amountMinor'],
    ['CallLogged', { callId: 'c', direction: 'sideways', locationId: 'l', durationSeconds: 1, outcome: 'ok', occurredAt: at }, 'direction'],
    ['ConsentGiven', { channel: 'pigeon', occurredAt: at }, 'channel'],
    ['ComplaintOpened', { complaintId: 'c', category: 'x', severity: 'critical', channel: 'web', locationId: 'l', occurredAt: at }, 'severity'],
    ['ComplaintResolved', { complaintId: 'c', locationId: 'l', openedAt: at, resolution: 'x', occurredAt: at }, 'resolvedOnFirstContact'],
    ['ContactDetailsChanged', { occurredAt: at }, ''],
    ['CustomerRegistered', { customerId: '', name: 'K', homeLocationId: 'l', occurredAt: at }, 'customerId'],
  ])('rejects malformed %s (%o) at %s', (type, data, path) => {
    let thrown: unknown;
    try {
      parseCustomerEvent(type, data, 1);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventParseError);
    expect((thrown as EventParseError).issues.map((issue) => issue.path)).toContain(path);
  });

  it.each([null, 'text', 42, []])('rejects data that is not an object (%o)', (data) => {
    expect(() => parseCustomerEvent('ConsentGiven', data, 1)).toThrow(EventParseError);
  });

  it('rejects a malformed LocationRegistered', () => {
    const { data } = locationRegistered;
    expect(() => parseLocationEvent('LocationRegistered', { ...data, currency: 'EURO' }, 1)).toThrow(EventParseError);
    expect(() => parseLocationEvent('LocationRegistered', { ...data, timezone: 'Mars/Olympus' }, 1)).toThrow(EventParseError);
  });

  it('rejects unknown types, including the other aggregate’s and prototype names', () => {
    expect(() => parseCustomerEvent('LocationRegistered', locationRegistered.data, 1)).toThrow(/unknown event type/);
    expect(() => parseLocationEvent('CustomerRegistered', oneOfEach[0].data, 1)).toThrow(/unknown event type/);
    expect(() => parseCustomerEvent('toString', {}, 1)).toThrow(/unknown event type/);
  });

  it('rejects a version newer than this code knows, or not a version at all', () => {
    expect(() => parseCustomerEvent('ConsentGiven', { channel: 'sms', occurredAt: at }, 2)).toThrow(/unsupported schema version/);
    expect(() => parseCustomerEvent('ConsentGiven', { channel: 'sms', occurredAt: at }, 1.5)).toThrow(/unsupported schema version/);
  });

  it('rejects an old version that has no upcaster', () => {
    expect(() => parseCustomerEvent('ConsentGiven', { channel: 'sms', occurredAt: at }, 0)).toThrow(/no upcaster from version 0/);
  });
});
