import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { ApiRequest } from './api-request';

export const CORRELATION_HEADER = 'X-Correlation-Id';
// Bounded and printable: it is copied into every event's metadata and into logs.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's X-Correlation-Id (or starts a new flow) and echoes it on every response, errors included. */
export function correlationIdMiddleware(req: ApiRequest, res: Response, next: NextFunction): void {
  const given = req.header(CORRELATION_HEADER);
  req.correlationId = given !== undefined && ACCEPTABLE.test(given) ? given : randomUUID();
  res.setHeader(CORRELATION_HEADER, req.correlationId);
  next();
}
