import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { from, map, mergeMap, Observable, of } from 'rxjs';
import { IDEMPOTENCY_KEY_HEADER } from './command-envelope.decorator';
import { ApiError } from '../http/api-error';
import type { ApiRequest } from '../http/api-request';
import { MetricsService } from '../observability/metrics.service';
import { canonicalJson } from '../idempotency/canonical-json';
import { IdempotencyStore } from '../idempotency/idempotency.store';

/**
 * The answer of a command route. It puts the revision the command left the aggregate at in the ETag,
 * ready for a later If-Match. With an Idempotency-Key, the same request again gets the first answer
 * (status, body, ETag) without running; another request under the same key gets 422. The answer is
 * stored only after a success. A key is scoped to the API key that sent it.
 *
 * One interceptor rather than two: Nest binds an async resource per interceptor and request, which
 * showed in the command benchmark's profile.
 */
@Injectable()
export class CommandAnswerInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly metrics: MetricsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<ApiRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const answered = next.handle().pipe(map((body: unknown) => withETag(res, body)));
    const header = req.header(IDEMPOTENCY_KEY_HEADER);
    return header === undefined ? answered : this.idempotent(req, res, header, answered);
  }

  private async idempotent(req: ApiRequest, res: Response, header: string, answered: Observable<unknown>): Promise<Observable<unknown>> {
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
    return answered.pipe(
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

function withETag(res: Response, body: unknown): unknown {
  const revision = (body as { revision?: unknown } | null)?.revision;
  if (typeof revision === 'number') res.setHeader('ETag', `"${revision}"`);
  return body;
}
