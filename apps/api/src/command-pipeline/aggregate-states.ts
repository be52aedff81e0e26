import { Inject, Injectable } from '@nestjs/common';
import type { EventStoreClient } from '@ledgerline/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import type { Aggregate } from './aggregate';
import { loadAggregate, type LoadedAggregate } from './load-aggregate';

/** Aggregates whose folded state is kept between commands: at least this many, at most twice. */
const CAPACITY = 10_000;

type AnyAggregate<S> = Aggregate<{ type: string }, S, { type: string; data: unknown }, unknown>;

/**
 * Folded aggregate states kept in memory, so a command reads only the events written since the
 * last load (usually one, often none) instead of the whole stream. Every load still asks the event
 * store, so a decision never rests on a state older than the read, and the append's expected
 * revision guards the rest. Entries come only from what the store returned, never from our own
 * decisions, so the cache cannot hold an event the log does not.
 */
@Injectable()
export class AggregateStates {
  private current = new Map<string, LoadedAggregate<unknown>>();
  private previous = new Map<string, LoadedAggregate<unknown>>();

  constructor(@Inject(EVENT_STORE) private readonly client: EventStoreClient) {}

  async load<S>(aggregate: AnyAggregate<S>, id: string): Promise<LoadedAggregate<S>> {
    const key = `${aggregate.name}:${id}`;
    const known = (this.current.get(key) ?? this.previous.get(key)) as LoadedAggregate<S> | undefined;
    const loaded = await loadAggregate(this.client, aggregate, id, known);
    if (loaded.revision !== undefined) this.remember(key, loaded);
    return loaded;
  }

  private remember(key: string, loaded: LoadedAggregate<unknown>): void {
    this.current.set(key, loaded);
    if (this.current.size >= CAPACITY) {
      this.previous = this.current;
      this.current = new Map();
    }
  }
}
