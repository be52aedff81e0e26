import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DatabaseError } from 'pg';
import { DomainRuleViolation, EntityAlreadyExists, EntityNotFound } from '@ledgerline/domain';
import { ConcurrencyConflictError, StreamDeletedError } from '@ledgerline/event-store';
import { ApiError, ErrorBody } from './api-error';
import type { ApiRequest } from './api-request';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/** Every error leaves as `{ error, message, details? }` with the status its kind calls for. */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorResponseFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<ApiRequest>();
    const [status, body] = this.toResponse(exception);
    // An ApiError is an answer the API chose (503 while a projection catches up), not a failure.
    if (status >= 500 && !(exception instanceof ApiError)) this.logger.error(`${req.method} ${req.originalUrl} [${req.correlationId}] failed`, exception instanceof Error ? exception.stack : String(exception));
    if (!res.headersSent) res.status(status).json(body);
  }

  private toResponse(exception: unknown): [number, ErrorBody] {
    if (exception instanceof ApiError) return [exception.status, exception.body];
    if (exception instanceof DomainRuleViolation) {
      return [
        HttpStatus.UNPROCESSABLE_ENTITY,
        { error: 'rule_violated', message: exception.message, rule: exception.rule, details: [{ path: exception.rule, reason: exception.message }] },
      ];
    }
    if (exception instanceof EntityNotFound) {
      return [HttpStatus.NOT_FOUND, { error: 'not_found', message: exception.message, details: [{ path: exception.entity, reason: `${exception.id} does not exist` }] }];
    }
    if (exception instanceof EntityAlreadyExists) {
      return [HttpStatus.CONFLICT, { error: 'already_exists', message: exception.message, details: [{ path: exception.entity, reason: `${exception.id} already exists` }] }];
    }
    if (exception instanceof ConcurrencyConflictError) {
      return [HttpStatus.CONFLICT, { error: 'concurrency_conflict', message: 'The resource changed while the command ran; read it again and retry' }];
    }
    if (exception instanceof StreamDeletedError) return [HttpStatus.GONE, { error: 'gone', message: 'The resource was deleted' }];
    if (isMissingReadModel(exception)) {
      return [
        HttpStatus.SERVICE_UNAVAILABLE,
        {
          error: 'read_model_unavailable',
          message: 'A read model this query needs is not live yet: the projector has not built it, or is building the version this API reads; retry shortly',
          details: [{ path: 'read_model', reason: exception.message }],
        },
      ];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return [status, { error: CODES[status] ?? (status >= 500 ? 'internal' : 'bad_request'), message: messageOf(exception) }];
    }
    // Errors from express middleware (body-parser: too large, bad charset, ...) carry their status.
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = (exception as { message?: unknown }).message;
      return [status, { error: CODES[status] ?? 'bad_request', message: typeof message === 'string' ? message : 'The request was refused' }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { error: 'internal', message: 'Internal server error' }];
  }
}

/**
 * PostgreSQL's "relation ... does not exist" (42P01) for an analytics view: the queries read only those,
 * and a view is missing before the projector's first start, or while it builds a projection version
 * that brings the view (it is bound when that version goes live).
 */
function isMissingReadModel(exception: unknown): exception is DatabaseError {
  return exception instanceof DatabaseError && exception.code === '42P01' && exception.message.includes('"analytics.');
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}
