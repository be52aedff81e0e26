import { EntityAlreadyExists } from '../errors';
import { compact } from '../shared/compact';
import { occurredAtOf } from '../shared/occurred-at';
import type { LocationCommand } from './location.commands';
import type { LocationEvent } from './location.events';
import type { LocationState } from './location.state';

export function decideLocation(command: LocationCommand, state: LocationState, context: { now: string }): LocationEvent[] {
  if (state.registered) throw new EntityAlreadyExists('location', command.locationId);
  const { locationId, name, region, currency, timezone } = command;
  return [{ type: 'LocationRegistered', data: compact({ locationId, name, region, currency, timezone, occurredAt: occurredAtOf(command, context) }) }];
}
