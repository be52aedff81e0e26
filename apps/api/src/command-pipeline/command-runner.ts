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
    const attempt = async (n: number) => {
      if (n > 1) await sleep(backoffMs(n));
      return this.attempt(options);
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

  load<S>(aggregate: Aggregate<{ type: string }, S, { type: string; data: unknown }, unknown>, id: string): Promise<LoadedAggregate<S>> {
    return this.states.load(aggregate, id);
  }

  private async attempt<C extends { type: string }, S, E extends { type: string; data: unknown }, Ctx>({
    aggregate,
    id,
    command,
    envelope,
    contextOf,
  }: RunOptions<C, S, E, Ctx>): Promise<CommandResult> {
    const loaded = await this.states.load(aggregate, id);
    const { idempotencyKey, expectedRevision } = envelope;
    const eventId = (index: number) => (idempotencyKey === undefined ? randomUUID() : deterministicEventId(command.type, idempotencyKey, index));

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

    const now = new Date().toISOString();
    const events = aggregate.decider.decide(command, loaded.state, await contextOf(loaded.state, now));
    if (events.length === 0) {
      return { id, revision: loaded.revision === undefined ? -1 : Number(loaded.revision), position: (loaded.commit ?? 0n).toString() };
    }
    const result = await appendEvents(
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
    this.metrics.appends.inc({ aggregate: aggregate.name });
    for (const event of events) this.metrics.eventsAppended.inc({ type: event.type });
    return { id, revision: Number(result.nextExpectedRevision), position: result.position.commit.toString() };
  }
}
