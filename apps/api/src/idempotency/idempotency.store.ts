import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../infrastructure/tokens';

export const IDEMPOTENCY_PREFIX = 'ledgerline:idempotency:';
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** The first answer given to an Idempotency-Key, and what it answered. */
export interface StoredAnswer {
  /** sha256 of method, path and canonical body. */
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
  readonly etag?: string;
}

/**
 * Answers by Idempotency-Key in Redis for 24 h. Redis being away must not stop commands: a lost answer
 * costs only the replay of the response, since event ids derived from the key keep the log free of duplicates.
 */
@Injectable()
export class IdempotencyStore {
  private readonly logger = new Logger('IdempotencyStore');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async get(key: string): Promise<StoredAnswer | undefined> {
    try {
      const text = await this.redis.get(IDEMPOTENCY_PREFIX + key);
      return text === null ? undefined : (JSON.parse(text) as StoredAnswer);
    } catch (error) {
      this.logger.warn(`cannot read idempotency key: ${(error as Error).message}`);
      return undefined;
    }
  }

  async put(key: string, answer: StoredAnswer): Promise<void> {
    try {
      // NX: of two concurrent twins, the first stored answer stays the answer.
      await this.redis.set(IDEMPOTENCY_PREFIX + key, JSON.stringify(answer), 'EX', IDEMPOTENCY_TTL_SECONDS, 'NX');
    } catch (error) {
      this.logger.warn(`cannot store idempotency key: ${(error as Error).message}`);
    }
  }
}
