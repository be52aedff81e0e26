import { Controller, Get, Inject } from '@nestjs/common';
import { EntityNotFound } from '@ledgerline/domain';
import { locationPerformance, networkRanking, type LocationPerformanceViews } from '@ledgerline/projections/location-performance';
import type { Kysely } from 'kysely';
import { ApiError } from '../http/api-error';
import { Operation } from '../http/operation.decorator';
import { RequireScope } from '../http/scopes.decorator';
import { ZodParams, ZodQuery } from '../http/zod-input.decorators';
import { READ_MODELS } from '../infrastructure/tokens';
import {
  locationPath,
  locationPerformanceQuery,
  networkRankingQuery,
  type LocationPath,
  type LocationPerformanceParams,
  type NetworkRankingParams,
} from './analytics.schemas';
import { MinPosition } from './min-position.decorator';
import { ReadYourWrites } from './read-your-writes.service';

const PROJECTION = ['location-performance'];

@Controller('v1/locations')
@RequireScope('analytics:read')
export class LocationPerformanceController {
  constructor(
    @Inject(READ_MODELS) private readonly db: Kysely<LocationPerformanceViews>,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('performance')
  @Operation({ summary: 'The network ranking: every location’s totals over a period, best first by the chosen metric (money ranks within each currency)', tags: ['analytics'], responses: { 200: { description: 'One row per location' } } })
  async ranking(@ZodQuery(networkRankingQuery) query: NetworkRankingParams, @MinPosition() minPosition: bigint | undefined) {
    await this.readYourWrites.await(PROJECTION, minPosition);
    return { from: query.from, to: query.to, orderBy: query.orderBy, locations: await networkRanking(this.db, query) };
  }

  @Get(':id/performance')
  @Operation({
    summary: 'A location’s performance per day, week or month (in its time zone): revenue, customers, contacts, complaints, NPS',
    tags: ['analytics'],
    responses: { 200: { description: 'Totals and buckets' } },
  })
  async performance(@ZodParams(locationPath) { id }: LocationPath, @ZodQuery(locationPerformanceQuery) query: LocationPerformanceParams, @MinPosition() minPosition: bigint | undefined) {
    await this.readYourWrites.await(PROJECTION, minPosition);
    const answer = await locationPerformance(this.db, { locationId: id, ...query }).catch(asBadRequest);
    if (answer === null) throw new EntityNotFound('location', id);
    return answer;
  }
}

/** The query refuses a period it cannot bucket (too many buckets) with a RangeError: the caller's input. */
function asBadRequest(error: unknown): never {
  if (error instanceof RangeError) throw ApiError.validation([{ path: 'query', reason: error.message }]);
  throw error;
}
