import { Controller, Get, Inject } from '@nestjs/common';
import { decodeTimelineCursor, timelinePage, type TimelinePage, type TimelineViews } from '@ledgerline/projections/contact-timeline';
import type { Kysely } from 'kysely';
import { customerPath, type CustomerPath } from '../http/customer-paths';
import { Operation } from '../http/operation.decorator';
import { RequireScope } from '../http/scopes.decorator';
import { ZodParams, ZodQuery } from '../http/zod-input.decorators';
import { READ_MODELS } from '../infrastructure/tokens';
import { MinPosition } from './min-position.decorator';
import { ReadYourWrites } from './read-your-writes.service';
import { timelinePageSchema, timelineQuery, type TimelineQueryParams } from './timeline.schemas';

@Controller('v1/customers/:id/timeline')
@RequireScope('analytics:read')
export class TimelineController {
  constructor(
    @Inject(READ_MODELS) private readonly db: Kysely<TimelineViews>,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @Operation({
    summary: "A customer's contact timeline, newest first, with keyset pagination (send X-Min-Position to see your own writes)",
    tags: ['analytics'],
    responses: { 200: { description: 'A page of the timeline; an unknown customer has an empty one', schema: timelinePageSchema } },
  })
  async timeline(
    @ZodParams(customerPath) { id }: CustomerPath,
    @ZodQuery(timelineQuery) query: TimelineQueryParams,
    @MinPosition() minPosition: bigint | undefined,
  ): Promise<TimelinePage> {
    await this.readYourWrites.await(['contact-timeline'], minPosition);
    return timelinePage(this.db, {
      customerId: id,
      limit: query.limit,
      ...(query.types !== undefined && { types: query.types }),
      ...(query.locationId !== undefined && { locationId: query.locationId }),
      ...(query.from !== undefined && { from: new Date(query.from) }),
      ...(query.to !== undefined && { to: new Date(query.to) }),
      ...(query.cursor !== undefined && { after: decodeTimelineCursor(query.cursor) }),
    });
  }
}
