import { readStreamEvents, type EventStoreClient } from '@ledgerline/event-store';
import type { Aggregate } from './aggregate';

export interface LoadedEvent {
  readonly revision: bigint;
  readonly commit: bigint;
}

export interface LoadedAggregate<State> {
  readonly state: State;
  /** Revision of the last event; undefined when the stream does not exist. */
  readonly revision: bigint | undefined;
  /** Commit position of the last event. */
  readonly commit: bigint | undefined;
  /**
   * Where each event id sits, to recognise a command that was already applied. Only ever grows,
   * and only with ids the log holds at those revisions, so states of one stream may share it.
   */
  readonly eventIds: Map<string, LoadedEvent>;
}

/**
 * Folds the aggregate's stream, upcasting each stored event: from the start, or, given an earlier
 * load, only the events written since (the earlier state is not changed; its id map grows in place
 * rather than being copied for every catch-up).
 */
export async function loadAggregate<State>(
  client: EventStoreClient,
  aggregate: Aggregate<{ type: string }, State, { type: string; data: unknown }, unknown>,
  id: string,
  since?: LoadedAggregate<State>,
): Promise<LoadedAggregate<State>> {
  const fromRevision = since?.revision === undefined ? 'start' : since.revision + 1n;
  const events: Array<{ type: string; data: unknown }> = [];
  let last: LoadedEvent | undefined;
  const eventIds = since?.eventIds ?? new Map<string, LoadedEvent>();
  for await (const stored of readStreamEvents(client, aggregate.streamOf(id), { fromRevision })) {
    events.push(aggregate.parseEvent(stored.type, stored.data, stored.metadata.schemaVersion));
    last = { revision: stored.revision, commit: stored.position.commit };
    eventIds.set(stored.id, last);
  }
  if (since && !last) return since;
  return {
    state: aggregate.decider.fold(events, since?.state),
    revision: last?.revision ?? since?.revision,
    commit: last?.commit ?? since?.commit,
    eventIds,
  };
}
