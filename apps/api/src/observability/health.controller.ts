import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { readStreamEvents, type EventStoreClient } from '@ledgerline/event-store';
import type Redis from 'ioredis';
import { Client } from 'pg';
import { z } from 'zod';
import type { ApiConfig } from '../config/api-config';
import { Operation } from '../http/operation.decorator';
import { Public } from '../http/scopes.decorator';
import { API_CONFIG, EVENT_STORE, REDIS } from '../infrastructure/tokens';

const TIMEOUT_MS = 2000;
const check = z.object({ status: z.enum(['up', 'down']), error: z.string().optional() });
export const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.object({ eventStore: check, postgres: check, redis: check }) });
type Check = z.infer<typeof check>;

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStoreClient,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @Operation({
    summary: 'Whether the API can reach the event store, PostgreSQL and Redis',
    tags: ['operations'],
    responses: { 200: { description: 'All dependencies up', schema: healthSchema }, 503: { description: 'Some dependency down', schema: healthSchema } },
  })
  async health(@Res({ passthrough: true }) res: Response): Promise<z.infer<typeof healthSchema>> {
    const [eventStore, postgres, redis] = await Promise.all([
      probe(async () => {
        for await (const _ of readStreamEvents(this.eventStore, 'health-probe', { maxCount: 1 })) break;
      }),
      probe(() => this.pingPostgres()),
      probe(async () => void (await this.redis.ping())),
    ]);
    const up = [eventStore, postgres, redis].every((c) => c.status === 'up');
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'unavailable', checks: { eventStore, postgres, redis } };
  }

  private async pingPostgres(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl, connectionTimeoutMillis: TIMEOUT_MS });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => {});
    }
  }
}

async function probe(fn: () => Promise<void>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([fn(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
