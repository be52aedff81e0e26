import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { waitForProjections, type RuntimeDatabase } from '@ledgerline/read-models';
import type { Kysely } from 'kysely';
import { ApiError } from '../http/api-error';
import { READ_MODELS } from '../infrastructure/tokens';
import { MIN_POSITION_HEADER } from './min-position.decorator';

const WAIT_MS = 5000;

/** Holds a query until the projections it reads have passed X-Min-Position: at most 5 s, then 503 with the lag. */
@Injectable()
export class ReadYourWrites {
  constructor(@Inject(READ_MODELS) private readonly db: Kysely<RuntimeDatabase>) {}

  async await(projections: readonly string[], minPosition: bigint | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const behind = await waitForProjections(this.db, projections, minPosition, { timeoutMs: WAIT_MS });
    if (behind.length === 0) return;
    throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, {
      error: 'projection_behind',
      message: `The read model has not reached position ${minPosition} within ${WAIT_MS / 1000} s; retry shortly`,
      details: behind.map(({ projection, checkpoint }) => ({
        path: MIN_POSITION_HEADER,
        reason: `${projection} has reached position ${checkpoint ?? 'none (it has handled nothing yet)'}`,
      })),
    });
  }
}
