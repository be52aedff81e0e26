import { deciderSpec, alreadyExists, violation } from '../testing/decider-spec';
import { locationDecider } from './location.decider';
import type { LocationEvent } from './location.events';

const NOW = '2025-03-01T09:00:00Z';
const location = deciderSpec(locationDecider, { now: NOW });
const register = { type: 'RegisterLocation', locationId: 'loc-oslo', name: 'Oslo Sentrum', region: 'NO-East', currency: 'NOK' } as const;
const registered: LocationEvent = {
  type: 'LocationRegistered',
  data: { locationId: 'loc-oslo', name: 'Oslo Sentrum', region: 'NO-East', currency: 'NOK', occurredAt: NOW },
};

describe('location', () => {
  it('registers a location, stamped with context.now', () => {
    location.given([]).when(register).then([registered]);
  });

  it('registers a location at the business time the command gives', () => {
    location
      .given([])
      .when({ ...register, occurredAt: '2023-09-01T07:00:00Z' })
      .then([{ type: 'LocationRegistered', data: { ...registered.data, occurredAt: '2023-09-01T07:00:00Z' } }]);
  });

  it('keeps the time zone', () => {
    location
      .given([])
      .when({ ...register, timezone: 'Europe/Oslo' })
      .then([{ type: 'LocationRegistered', data: { ...registered.data, timezone: 'Europe/Oslo' } }]);
  });

  it('refuses to register the same location twice', () => {
    location.given([registered]).when(register).then(alreadyExists('location', 'loc-oslo'));
  });

  it('never emits an invalid currency or time zone', () => {
    location.given([]).when({ ...register, currency: 'kr' }).then(violation('schema-violation'));
    location.given([]).when({ ...register, timezone: 'Oslo' }).then(violation('schema-violation'));
  });

  it('folds the registration into the state', () => {
    expect(location.given([]).state()).toStrictEqual({ registered: false, locationId: '', name: '', region: '', currency: '' });
    expect(location.given([{ type: 'LocationRegistered', data: { ...registered.data, timezone: 'Europe/Oslo' } }]).state()).toStrictEqual({
      registered: true,
      locationId: 'loc-oslo',
      name: 'Oslo Sentrum',
      region: 'NO-East',
      currency: 'NOK',
      timezone: 'Europe/Oslo',
    });
  });
});
