import type { FoldingDecider } from '../decider';
import { checkEmittedEvents } from '../emitted-events';
import { locationEventDataSchemas } from './location-event-schemas';
import type { LocationCommand } from './location.commands';
import { decideLocation } from './location.decide';
import type { LocationEvent } from './location.events';
import { evolveLocation } from './location.evolve';
import { initialLocationState, type LocationState } from './location.state';

export const locationDecider: FoldingDecider<LocationCommand, LocationState, LocationEvent, { now: string }> = {
  initialState: initialLocationState,
  decide: (command, state, context) => checkEmittedEvents(locationEventDataSchemas, decideLocation(command, state, context)),
  evolve: evolveLocation,
  // A location stream is one event long; reducing is already linear.
  fold: (events, from = initialLocationState) => [...events].reduce(evolveLocation, from),
};
