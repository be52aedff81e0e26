import { compact } from '../shared/compact';
import type { LocationEvent } from './location.events';
import type { LocationState } from './location.state';

export function evolveLocation(state: LocationState, event: LocationEvent): LocationState {
  switch (event.type) {
    case 'LocationRegistered': {
      const { locationId, name, region, currency, timezone } = event.data;
      return compact({ ...state, registered: true, locationId, name, region, currency, timezone });
    }
    default:
      return state;
  }
}
