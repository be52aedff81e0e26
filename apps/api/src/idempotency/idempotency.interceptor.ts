import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { from, mergeMap, Observable, of } from 'rxjs';
import { IDEMPOTENCY_KEY_HEADER } from '../command-pipeline/command-envelope.decorator';
import { ApiError } from '../http/api-error';
import type { ApiRequest } from '../http/api-request';
import { MetricsService } from '../observability/metrics.service';
import { canonicalJson } from './canonical-json';
import { IdempotencyStore } from './idempotency.store';

/**
 * With an Idempotency-Key: the same request again gets the first answer (status, body, ETag) without
 * running; another request under the same key gets 422. The answer is stored only after a success.
 * A key is scoped to the API key that sent it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly metrics: MetricsService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<ApiRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.header(IDEMPOTENCY_KEY_HEADER);
    if (header === undefined) return next.handle();
    // Keys belong to the API key that sent them, so two services choosing the same key never meet.
    const key = `${req.principal?.name ?? 'anonymous'}:${header}`;
    const fingerprint = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${canonicalJson(req.body)}`).digest('hex');
    const stored = await this.store.get(key);
    if (stored !== undefined) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, {
          error: 'idempotency_key_reused',
          message: 'This Idempotency-Key was already used for a different request; use a new key for a new request',
          details: [{ path: IDEMPOTENCY_KEY_HEADER, reason: 'already used with another method, path or body' }],
        });
      }
      this.metrics.idempotentReplays.inc({ source: 'redis' });
      res.status(stored.status);
      if (stored.etag !== undefined) res.setHeader('ETag', stored.etag);
      res.setHeader('Idempotent-Replayed', 'true');
      return of(stored.body);
    }
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          this.store
            .put(key, { fingerprint, status: res.statusCode, body, etag: res.getHeader('ETag') as string | undefined })
            .then(() => body),
        ),
      ),
    );
  }
}
