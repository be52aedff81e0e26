import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS } from '@ledgerline/domain';
import {
  appendEvents,
  commandMetadata,
  ConcurrencyConflictError,
  deterministicEventId,
  withConcurrencyRetry,
  type EventStoreClient,
} from '@ledgerline/event-store';
import { ApiError } from '../http/api-error';
import { EVENT_STORE } from '../infrastructure/tokens';
import { MetricsService } from '../observability/metrics.service';
import type { Aggregate } from './aggregate';
import type { CommandEnvelope, CommandResult } from './command-envelope';
import { AggregateStates } from './aggregate-states';
import type { LoadedAggregate } from './load-aggregate';

/**
 * Tries in all when another writer moved the stream between our read and our append. With jittered,
 * growing pauses between tries, a burst of writers on one customer (a checkout storm) all land.
 */
export const CONCURRENCY_ATTEMPTS = 10;
const backoffMs = (attempt: number) => Math.random() * Math.min(200, 5 * 2 ** attempt);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunOptions<Command extends { type: string }, State, Event extends { type: string; data: unknown }, Context> {
  readonly aggregate: Aggregate<Command, State, Event, Context>;
  readonly id: string;
  readonly command: Command;
  readonly envelope: CommandEnvelope;
  /** Loads what the decision needs beyond the aggregate's own stream. */
  readonly contextOf: (state: State, now: string) => Promise<Context>;
}

/** Load, decide, append with the revision read; retry from fresh state on a conflict (unless If-Match pinned it). */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly client: EventStoreClient,
    private readonly metrics: MetricsService,
    private readonly states: AggregateStates,
  ) {}

  async run<C extends { type: string }, S, E extends { type: string; data: unknown }, Ctx>(options: RunOptions<C, S, E, Ctx>): Promise<CommandResult> {
    const { aggregate, envelope } = options;
    // The first try may decide on a kept state; after a conflict, and under If-Match, on what the log holds.
    const attempt = async (n: number) => {
      if (n > 1) await sleep(backoffMs(n));
      return this.attempt(options, n > 1 || envelope.expectedRevision !== undefined);
    };
    try {
      if (envelope.expectedRevision !== undefined) return await attempt(1);
      return await withConcurrencyRetry(attempt, {
        attempts: CONCURRENCY_ATTEMPTS,
        onConflict: () => this.metrics.concurrencyConflicts.inc({ aggregate: aggregate.name, outcome: 'retried' }),
      });
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) this.metrics.concurrencyConflicts.inc({ aggregate: aggregate.name, outcome: 'rejected' });
      throw error;
    }
  }

  /** The aggregate as the log holds it now (for reads, and for locations named by a command). */
  load<S>(
    aggregate: Aggregate<{ type: string }, S, { type: string; data: unknown }, unknown>,
    id: string,
    { fresh = true }: { fresh?: boolean } = {},
  ): Promise<LoadedAggregate<S>> {
    return this.states.load(aggregate, id, { fresh });
  }

  private async attempt<C extends { type: string }, S, E extends { type: string; data: unknown }, Ctx>(
    options: RunOptions<C, S, E, Ctx>,
    fresh: boolean,
  ): Promise<CommandResult> {
    const { aggregate, id, command, envelope, contextOf } = options;
    const loaded = await this.states.load(aggregate, id, { fresh });
    const { idempotencyKey, expectedRevision } = envelope;
    // Scoped like the stored answers: the same key from two API keys is two requests.
    const eventId = (index: number) =>
      idempotencyKey === undefined ? randomUUID() : deterministicEventId(`${envelope.actor}/${command.type}`, idempotencyKey, index);

    // The key's events are already in the stream (a retry whose stored answer was lost, or a concurrent twin):
    // answer as the first time rather than decide again on the state they produced.
    if (idempotencyKey !== undefined && loaded.eventIds.has(eventId(0))) {
      let index = 0;
      while (loaded.eventIds.has(eventId(index + 1))) index++;
      const last = loaded.eventIds.get(eventId(index))!;
      this.metrics.idempotentReplays.inc({ source: 'stream' });
      return { id, revision: Number(last.revision), position: last.commit.toString() };
    }
    if (expectedRevision !== undefined && expectedRevision !== loaded.revision) {
      throw new ApiError(HttpStatus.CONFLICT, {
        error: 'revision_mismatch',
        message: `If-Match expected revision ${expectedRevision}, but the ${aggregate.name} is at ${loaded.revision ?? 'no revision'}`,
        details: [{ path: 'If-Match', reason: `current revision is ${loaded.revision ?? 'none'}` }],
      });
    }

    // Only an append, whose expected revision the store checks, may rest on a kept state: a refusal or
    // "nothing to do" decided on one is decided again on what the log holds now.
    const now = new Date().toISOString();
    let events: E[];
    try {
      events = aggregate.decider.decide(command, loaded.state, await contextOf(loaded.state, now));
    } catch (error) {
      if (!fresh) return this.attempt(options, true);
      throw error;
    }
    if (events.length === 0 && !fresh) return this.attempt(options, true);
    if (events.length === 0) {
      return { id, revision: loaded.revision === undefined ? -1 : Number(loaded.revision), position: (loaded.commit ?? 0n).toString() };
    }
    const result = await this.append(aggregate, id, loaded, events, envelope, eventId);
    this.metrics.appends.inc({ aggregate: aggregate.name });
    for (const event of events) this.metrics.eventsAppended.inc({ type: event.type });
    return { id, revision: Number(result.nextExpectedRevision), position: result.position.commit.toString() };
  }

  /** Appends with the revision the decision rests on, keeping the resulting state for the next command. */
  private async append<S, E extends { type: string; data: unknown }>(
    aggregate: Aggregate<{ type: string }, S, E, unknown>,
    id: string,
    loaded: LoadedAggregate<S>,
    events: E[],
    envelope: CommandEnvelope,
    eventId: (index: number) => string,
  ): Promise<{ nextExpectedRevision: bigint; position: { commit: bigint } }> {
    const { idempotencyKey } = envelope;
    let result;
    try {
      result = await appendEvents(
        this.client,
        aggregate.streamOf(id),
        events.map((event, index) => ({
          id: eventId(index),
          type: event.type,
          data: event.data as object,
          metadata: commandMetadata(envelope, {
            actor: envelope.actor,
            source: 'api',
            schemaVersion: EVENT_SCHEMA_VERSIONS[event.type as keyof typeof EVENT_SCHEMA_VERSIONS],
            idempotencyKey,
          }),
        })),
        { expectedRevision: loaded.revision ?? 'no_stream' },
      );
    } catch (error) {
      // A conflict leaves the kept state a true prefix of the log: the retry's fresh load catches up from it.
      if (!(error instanceof ConcurrencyConflictError)) this.states.forget(aggregate, id);
      throw error;
    }
    // Not kept when the events carry an idempotency key: the store may have acknowledged them as a
    // twin request's (same ids, appended first, maybe stamped with another `now`); the next load reads the log.
    if (idempotencyKey === undefined) {
      this.states.remember(aggregate, id, {
        state: events.reduce((state, event) => aggregate.decider.evolve(state, event), loaded.state),
        revision: result.nextExpectedRevision,
        commit: result.position.commit,
        eventIds: loaded.eventIds,
      });
    } else {
      this.states.forget(aggregate, id);
    }
    return result;
  }
}
