import { Inject, Injectable } from '@nestjs/common';
import type { EventStoreClient } from '@ledgerline/event-store';
import { EVENT_STORE } from '../infrastructure/tokens';
import type { Aggregate } from './aggregate';
import { loadAggregate, type LoadedAggregate } from './load-aggregate';

/** Aggregates whose folded state is kept between commands: at least this many, at most twice. */
const CAPACITY = 10_000;

type AnyAggregate<S> = Aggregate<{ type: string }, S, { type: string; data: unknown }, unknown>;

/**
 * Folded aggregate states kept in memory between commands, so that a command usually reads nothing
 * before it appends. A state may be behind the log (another API instance wrote since): the append
 * states the revision the decision rests on, the event store refuses it if the stream moved, and the
 * command is retried on a `fresh` load, which reads the events written since.
 * Every kept state is a prefix of the log: folded from events the store returned, or from events
 * whose append it acknowledged.
 */
@Injectable()
export class AggregateStates {
  private current = new Map<string, LoadedAggregate<unknown>>();
  private previous = new Map<string, LoadedAggregate<unknown>>();

  constructor(@Inject(EVENT_STORE) private readonly client: EventStoreClient) {}

  /** The kept state when there is one and `fresh` is not asked; otherwise what the log holds now. */
  async load<S>(aggregate: AnyAggregate<S>, id: string, { fresh }: { fresh: boolean }): Promise<LoadedAggregate<S>> {
    const key = keyOf(aggregate, id);
    const known = (this.current.get(key) ?? this.previous.get(key)) as LoadedAggregate<S> | undefined;
    if (known && !fresh) return known;
    const loaded = await loadAggregate(this.client, aggregate, id, known);
    if (loaded.revision !== undefined) this.remember(aggregate, id, loaded);
    return loaded;
  }

  /** The state after an append the event store acknowledged. */
  remember<S>(aggregate: AnyAggregate<S>, id: string, loaded: LoadedAggregate<S>): void {
    this.current.set(keyOf(aggregate, id), loaded);
    if (this.current.size >= CAPACITY) {
      this.previous = this.current;
      this.current = new Map();
    }
  }

  forget<S>(aggregate: AnyAggregate<S>, id: string): void {
    const key = keyOf(aggregate, id);
    this.current.delete(key);
    this.previous.delete(key);
  }
}

const keyOf = (aggregate: { name: string }, id: string) => `${aggregate.name}:${id}`;
