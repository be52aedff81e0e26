import { Controller, Get, Inject } from '@nestjs/common';
import type { EventStoreClient } from '@ledgerline/event-store';
import { projectionStatus, type ProjectionStatusReport, type RuntimeDatabase } from '@ledgerline/read-models';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Operation } from '../http/operation.decorator';
import { RequireScope } from '../http/scopes.decorator';
import { EVENT_STORE, READ_MODELS } from '../infrastructure/tokens';

const statusSchema = z.object({
  projections: z.array(
    z.object({
      name: z.string(),
      state: z.string(),
      leader: z.string().nullable().describe('`<host>:<pid>` of the projector holding the projector lock; null when none runs'),
      lastError: z.string().nullable(),
      stateChangedAt: z.string().nullable(),
      builds: z.array(
        z.object({
          buildId: z.string(),
          version: z.int(),
          status: z.enum(['live', 'building']),
          checkpoint: z.string(),
          eventsApplied: z.int(),
          lastEventAt: z.string().nullable(),
          lagEvents: z.int(),
          lagEventsExact: z.boolean(),
          lagSeconds: z.number(),
          deadLetters: z.int(),
        }),
      ),
    }),
  ),
});

@Controller('v1/projections')
@RequireScope('admin', 'analytics:read')
export class ProjectionsController {
  constructor(
    @Inject(READ_MODELS) private readonly db: Kysely<RuntimeDatabase>,
    @Inject(EVENT_STORE) private readonly eventStore: EventStoreClient,
  ) {}

  @Get()
  @Operation({
    summary: "Each projection's state, checkpoint, lag behind the log (events and seconds) and dead letters",
    tags: ['operations'],
    responses: { 200: { description: 'The projections and their builds', schema: statusSchema } },
  })
  async status(): Promise<{ projections: ProjectionStatusReport[] }> {
    return { projections: await projectionStatus(this.db, this.eventStore) };
  }
}
