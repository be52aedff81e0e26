import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';

export interface EventSelection {
  /** Only streams whose name starts with one of these (e.g. categoryPrefix('customer')). */
  readonly streamPrefixes?: readonly string[];
  /** Only events whose type starts with one of these. */
  readonly eventTypePrefixes?: readonly string[];
}

type CheckpointReached = NonNullable<Filter['checkpointReached']>;

/**
 * The server filters on stream names or on event types, not both: it gets the stream prefixes when
 * there are some, else the type prefixes, else "no system events". `selects` applies the whole selection
 * on our side too, so system events ($-types, such as a tombstone's $streamDeleted) never get through.
 */
export function serverFilter({ streamPrefixes, eventTypePrefixes }: EventSelection, checkpointReached?: CheckpointReached): Filter {
  for (const prefixes of [streamPrefixes, eventTypePrefixes]) {
    if (prefixes !== undefined && (prefixes.length === 0 || prefixes.includes(''))) {
      throw new TypeError('subscribeToAllFrom: a prefix list, when given, must hold non-empty prefixes');
    }
  }
  if (streamPrefixes) return streamNameFilter({ prefixes: [...streamPrefixes], checkpointReached });
  if (eventTypePrefixes) return eventTypeFilter({ prefixes: [...eventTypePrefixes], checkpointReached });
  return excludeSystemEvents({ checkpointReached });
}

export function selects({ streamPrefixes, eventTypePrefixes }: EventSelection, event: { streamId: string; type: string }): boolean {
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return false;
  if (streamPrefixes && !streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  if (eventTypePrefixes && !eventTypePrefixes.some((prefix) => event.type.startsWith(prefix))) return false;
  return true;
}
