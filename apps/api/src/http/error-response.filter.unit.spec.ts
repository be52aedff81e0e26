import {
  ArgumentsHost,
  BadRequestException,
  HttpException,
  Logger,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { DomainRuleViolation, EntityAlreadyExists, EntityNotFound } from '@ledgerline/domain';
import { ConcurrencyConflictError, StreamDeletedError } from '@ledgerline/event-store';
import { DatabaseError } from 'pg';
import { ApiError } from './api-error';
import { ErrorResponseFilter } from './error-response.filter';

/** A fake of the express request/response pair the filter writes to, recording what it sends. */
function hostFor({ headersSent = false } = {}) {
  const res = {
    headersSent,
    status: jest.fn<unknown, [number]>().mockReturnThis(),
    json: jest.fn<unknown, [unknown]>().mockReturnThis(),
  };
  const req = { method: 'POST', originalUrl: '/v1/customers/c-1/purchases', correlationId: 'corr-1' };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
  return { host, res };
}

/** Runs the filter on `exception`; answers the one status and body it sent. */
function responseTo(exception: unknown): { status: number; body: unknown } {
  const { host, res } = hostFor();
  new ErrorResponseFilter().catch(exception, host);
  expect(res.status).toHaveBeenCalledTimes(1);
  expect(res.json).toHaveBeenCalledTimes(1);
  return { status: res.status.mock.calls[0][0], body: res.json.mock.calls[0][0] };
}

const INTERNAL = { error: 'internal', message: 'Internal server error' };

describe('ErrorResponseFilter', () => {
  let logError: jest.SpyInstance;
  beforeEach(() => {
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logError.mockRestore());

  it('sends an ApiError with its own status and body', () => {
    const body = { error: 'validation_failed', message: 'Invalid request: name', details: [{ path: 'name', reason: 'is required' }] };
    expect(responseTo(new ApiError(400, body))).toEqual({ status: 400, body });
    expect(logError).not.toHaveBeenCalled();
  });

  it('answers 422 rule_violated for a DomainRuleViolation, naming the rule', () => {
    expect(responseTo(new DomainRuleViolation('refund-exceeds-purchase', 'The refund exceeds what is left of the purchase'))).toEqual({
      status: 422,
      body: {
        error: 'rule_violated',
        message: 'The refund exceeds what is left of the purchase',
        rule: 'refund-exceeds-purchase',
        details: [{ path: 'refund-exceeds-purchase', reason: 'The refund exceeds what is left of the purchase' }],
      },
    });
  });

  it('answers 404 not_found for an EntityNotFound, naming the entity', () => {
    expect(responseTo(new EntityNotFound('customer', 'c-1'))).toEqual({
      status: 404,
      body: { error: 'not_found', message: 'customer c-1 does not exist', details: [{ path: 'customer', reason: 'c-1 does not exist' }] },
    });
  });

  it('answers 409 already_exists for an EntityAlreadyExists', () => {
    expect(responseTo(new EntityAlreadyExists('location', 'store-1'))).toEqual({
      status: 409,
      body: { error: 'already_exists', message: 'location store-1 already exists', details: [{ path: 'location', reason: 'store-1 already exists' }] },
    });
  });

  it('answers 409 concurrency_conflict for a ConcurrencyConflictError, without the stream name', () => {
    expect(responseTo(new ConcurrencyConflictError('customer-c-1', 3n, 4n))).toEqual({
      status: 409,
      body: { error: 'concurrency_conflict', message: 'The resource changed while the command ran; read it again and retry' },
    });
  });

  it('answers 410 gone for a StreamDeletedError', () => {
    expect(responseTo(new StreamDeletedError('customer-c-1'))).toEqual({ status: 410, body: { error: 'gone', message: 'The resource was deleted' } });
  });

  describe('Nest HttpExceptions', () => {
    it.each([
      ['a string response', new HttpException('Cannot POST /v1/nowhere', 404), 404, { error: 'not_found', message: 'Cannot POST /v1/nowhere' }],
      ['a default object response', new NotFoundException(), 404, { error: 'not_found', message: 'Not Found' }],
      ['an array of messages', new BadRequestException(['name must be set', 'email is too long']), 400, { error: 'bad_request', message: 'name must be set; email is too long' }],
      ['an object without a message', new HttpException({ detail: 'x' }, 409), 409, { error: 'conflict', message: 'Http Exception' }],
      ['a status without a code of its own', new HttpException('I am a teapot', 418), 418, { error: 'bad_request', message: 'I am a teapot' }],
      ['405', new MethodNotAllowedException(), 405, { error: 'method_not_allowed', message: 'Method Not Allowed' }],
      ['413', new PayloadTooLargeException(), 413, { error: 'payload_too_large', message: 'Payload Too Large' }],
      ['415', new UnsupportedMediaTypeException('send application/json'), 415, { error: 'unsupported_media_type', message: 'send application/json' }],
    ])('answers with the status and code of %s', (_, exception, status, body) => {
      expect(responseTo(exception)).toEqual({ status, body });
      expect(logError).not.toHaveBeenCalled();
    });

    it('answers a 5xx HttpException with its status as internal, and logs it', () => {
      const exception = new ServiceUnavailableException('Shutting down');
      expect(responseTo(exception)).toEqual({ status: 503, body: { error: 'internal', message: 'Shutting down' } });
      expect(logError).toHaveBeenCalledWith('POST /v1/customers/c-1/purchases [corr-1] failed', exception.stack);
    });
  });

  describe('errors from express middleware', () => {
    it('answers 413 payload_too_large for a body-parser size error, with its message', () => {
      const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, type: 'entity.too.large' });
      expect(responseTo(tooLarge)).toEqual({ status: 413, body: { error: 'payload_too_large', message: 'request entity too large' } });
      expect(logError).not.toHaveBeenCalled();
    });

    it('answers another 4xx status it carries as bad_request unless the status has a code', () => {
      expect(responseTo(Object.assign(new Error('unsupported charset "LATIN-9"'), { status: 415 }))).toEqual({
        status: 415,
        body: { error: 'unsupported_media_type', message: 'unsupported charset "LATIN-9"' },
      });
      expect(responseTo(Object.assign(new Error('request aborted'), { status: 400 }))).toEqual({ status: 400, body: { error: 'bad_request', message: 'request aborted' } });
      expect(responseTo(Object.assign(new Error('odd'), { status: 418 }))).toEqual({ status: 418, body: { error: 'bad_request', message: 'odd' } });
    });

    it.each([
      ['a 5xx status', 502],
      ['a status below 400', 302],
      ['a status given as a string', '413'],
    ])('treats an error carrying %s as internal', (_, status) => {
      expect(responseTo(Object.assign(new Error('upstream said no'), { status }))).toEqual({ status: 500, body: INTERNAL });
      expect(logError).toHaveBeenCalledTimes(1);
    });
  });

  describe('read models', () => {
    const missing = (relation: string) => Object.assign(new DatabaseError(`relation "${relation}" does not exist`, 100, 'error'), { code: '42P01' });

    it('answers 503 read_model_unavailable when an analytics view is not there yet, naming it', () => {
      expect(responseTo(missing('analytics.location_resolution_medians'))).toEqual({
        status: 503,
        body: {
          error: 'read_model_unavailable',
          message: 'A read model this query needs is not live yet: the projector has not built it, or is building the version this API reads; retry shortly',
          details: [{ path: 'read_model', reason: 'relation "analytics.location_resolution_medians" does not exist' }],
        },
      });
    });

    it('answers 500 for any other missing relation', () => {
      expect(responseTo(missing('projection_runtime.builds'))).toEqual({ status: 500, body: INTERNAL });
    });
  });

  describe('unknown errors', () => {
    it('answers 500 internal with a generic message that does not leak the error, and logs the stack', () => {
      const error = new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
      const response = responseTo(error);
      expect(response).toEqual({ status: 500, body: INTERNAL });
      expect(JSON.stringify(response.body)).not.toContain('hunter2');
      expect(logError).toHaveBeenCalledTimes(1);
      expect(logError).toHaveBeenCalledWith('POST /v1/customers/c-1/purchases [corr-1] failed', error.stack);
    });

    it.each([
      ['a string', 'boom', 'boom'],
      ['null', null, 'null'],
      ['undefined', undefined, 'undefined'],
    ])('answers 500 when %s is thrown, and logs it as text', (_, thrown, logged) => {
      expect(responseTo(thrown)).toEqual({ status: 500, body: INTERNAL });
      expect(logError).toHaveBeenCalledWith('POST /v1/customers/c-1/purchases [corr-1] failed', logged);
    });
  });

  describe('when the headers are already sent', () => {
    it('writes nothing for a client error', () => {
      const { host, res } = hostFor({ headersSent: true });
      new ErrorResponseFilter().catch(new EntityNotFound('customer', 'c-1'), host);
      expect(res.status).not.toHaveBeenCalled();
      expect(res.json).not.toHaveBeenCalled();
      expect(logError).not.toHaveBeenCalled();
    });

    it('writes nothing for a server error but still logs it', () => {
      const { host, res } = hostFor({ headersSent: true });
      new ErrorResponseFilter().catch(new Error('stream broke mid-response'), host);
      expect(res.status).not.toHaveBeenCalled();
      expect(res.json).not.toHaveBeenCalled();
      expect(logError).toHaveBeenCalledTimes(1);
    });
  });
});
