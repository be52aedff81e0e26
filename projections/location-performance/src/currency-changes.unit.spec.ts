import { currenciesAfter, currencyChanges } from './currency-changes';
import type { RegisteredLocation } from './locate-events';

const registration = (locationId: string, currency: string): RegisteredLocation => ({
  locationId,
  name: locationId,
  region: 'north',
  currency,
  timezone: null,
  registeredAt: '2025-01-01T00:00:00.000Z',
});

describe('currency changes', () => {
  const stored = new Map([
    ['oslo', 'NOK'],
    ['bergen', 'NOK'],
  ]);

  it('takes the stored currencies, then the batch registrations', () => {
    expect(currenciesAfter(stored, [registration('bergen', 'EUR'), registration('tromso', 'NOK')])).toEqual(
      new Map([
        ['oslo', 'NOK'],
        ['bergen', 'EUR'],
        ['tromso', 'NOK'],
      ]),
    );
    expect(stored.get('bergen')).toBe('NOK');
  });

  it('names the registrations that give a location a currency it did not have, and what it had', () => {
    expect(currencyChanges(stored, [registration('oslo', 'NOK'), registration('bergen', 'EUR'), registration('tromso', 'NOK')])).toEqual([
      { locationId: 'bergen', from: 'NOK', to: 'EUR' },
      { locationId: 'tromso', from: null, to: 'NOK' },
    ]);
    expect(currencyChanges(stored, [])).toEqual([]);
  });
});
