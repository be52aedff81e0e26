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
  /** Where each event id sits, to recognise a command that was already applied. */
  readonly eventIds: ReadonlyMap<string, LoadedEvent>;
}

/** Folds the aggregate's stream from the start, upcasting each stored event. */
export async function loadAggregate<State>(
  client: EventStoreClient,
  aggregate: Aggregate<{ type: string }, State, { type: string; data: unknown }, unknown>,
  id: string,
): Promise<LoadedAggregate<State>> {
  const events: Array<{ type: string; data: unknown }> = [];
  let last: LoadedEvent | undefined;
  const eventIds = new Map<string, LoadedEvent>();
  for await (const stored of readStreamEvents(client, aggregate.streamOf(id))) {
    events.push(aggregate.parseEvent(stored.type, stored.data, stored.metadata.schemaVersion));
    last = { revision: stored.revision, commit: stored.position.commit };
    eventIds.set(stored.id, last);
  }
  return { state: aggregate.decider.fold(events), revision: last?.revision, commit: last?.commit, eventIds };
}
