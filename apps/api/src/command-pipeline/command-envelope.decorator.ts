import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../http/api-error';
import type { ApiRequest } from '../http/api-request';
import type { CommandEnvelope } from './command-envelope';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const KEY = /^[\x21-\x7e]{1,255}$/;
const ETAG = /^"(\d{1,18})"$/;

/** The envelope of the request's command: correlation, actor, Idempotency-Key and If-Match. */
export const Envelope = createParamDecorator((_: unknown, context: ExecutionContext): CommandEnvelope => {
  const req = context.switchToHttp().getRequest<ApiRequest>();
  const idempotencyKey = req.header(IDEMPOTENCY_KEY_HEADER);
  const ifMatch = req.header('If-Match');
  const details = [];
  if (idempotencyKey !== undefined && !KEY.test(idempotencyKey)) {
    details.push({ path: IDEMPOTENCY_KEY_HEADER, reason: 'must be 1 to 255 printable ASCII characters' });
  }
  const revision = ifMatch === undefined ? undefined : ETAG.exec(ifMatch.trim())?.[1];
  if (ifMatch !== undefined && revision === undefined) details.push({ path: 'If-Match', reason: 'must be an ETag "<revision>" from an earlier answer' });
  if (details.length > 0) throw ApiError.validation(details);
  return {
    commandId: randomUUID(),
    correlationId: req.correlationId,
    actor: `service:${req.principal?.name ?? 'anonymous'}`,
    ...(idempotencyKey !== undefined && { idempotencyKey }),
    ...(revision !== undefined && { expectedRevision: BigInt(revision) }),
  };
});
