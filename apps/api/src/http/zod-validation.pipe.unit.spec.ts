import { z } from 'zod';
import { changeContactDetailsBody } from '../customers/customer.schemas';
import { logCallBody } from '../interactions/interaction.schemas';
import { issueRefundBody, recordPurchaseBody } from '../purchases/purchase.schemas';
import { ApiError } from './api-error';
import { customerPath } from './customer-paths';
import { InputLocation, ZodValidationPipe, detailsOf } from './zod-validation.pipe';

const purchase = { purchaseId: 'p-1', locationId: 'store-1', amountMinor: 1250, currency: 'EUR', occurredAt: '2024-05-01T10:00:00Z' };
const line = { sku: 'SKU-1', quantity: 2, unitPriceMinor: 625 };
const call = { callId: 'c-1', direction: 'inbound', locationId: 'store-1', durationSeconds: 60, outcome: 'resolved', occurredAt: '2024-05-01T10:00:00Z' };

/** The 400 the pipe throws for `value`; fails the test when the value passes. */
function rejectionOf(schema: z.ZodType, value: unknown, location: InputLocation = 'body'): ApiError {
  try {
    new ZodValidationPipe(schema, location).transform(value);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the pipe to reject the value');
}

const detailsFor = (schema: z.ZodType, value: unknown, location?: InputLocation) => rejectionOf(schema, value, location).body.details;

describe('ZodValidationPipe', () => {
  it('passes a valid body through as the schema parsed it', () => {
    const body = { ...purchase, lines: [line] };
    expect(new ZodValidationPipe(recordPurchaseBody, 'body').transform(body)).toEqual(body);
    const coercing = z.strictObject({ limit: z.coerce.number().int() });
    expect(new ZodValidationPipe(coercing, 'query').transform({ limit: '10' })).toEqual({ limit: 10 });
  });

  it('answers 400 validation_failed with a message listing every bad path', () => {
    const error = rejectionOf(recordPurchaseBody, { ...purchase, amountMinor: -1, coupon: 'FREE' });
    expect(error.status).toBe(400);
    expect(error.body).toEqual({
      error: 'validation_failed',
      message: 'Invalid request: amountMinor, coupon',
      details: [
        { path: 'amountMinor', reason: 'Too small: expected number to be >=0' },
        { path: 'coupon', reason: 'unknown field' },
      ],
    });
  });

  it('names each unknown field once, at the top level and nested in arrays', () => {
    const details = detailsFor(recordPurchaseBody, { ...purchase, coupon: 'FREE', note: 'x', lines: [line, { ...line, colour: 'red' }] });
    expect(details).toEqual([
      { path: 'lines.1.colour', reason: 'unknown field' },
      { path: 'coupon', reason: 'unknown field' },
      { path: 'note', reason: 'unknown field' },
    ]);
  });

  it('rejects the fields the route supplies itself as unknown', () => {
    expect(detailsFor(logCallBody, { ...call, type: 'LogCall', customerId: 'cust-1' })).toEqual([
      { path: 'type', reason: 'unknown field' },
      { path: 'customerId', reason: 'unknown field' },
    ]);
  });

  it('says a missing field is required, nested too', () => {
    const { callId: _callId, outcome: _outcome, ...withoutTwo } = call;
    expect(detailsFor(logCallBody, withoutTwo)).toEqual([
      { path: 'callId', reason: 'is required' },
      { path: 'outcome', reason: 'is required' },
    ]);
    expect(detailsFor(recordPurchaseBody, { ...purchase, lines: [{ sku: 'SKU-1', unitPriceMinor: 1 }] })).toEqual([{ path: 'lines.0.quantity', reason: 'is required' }]);
  });

  it.each([undefined, null])('asks for a JSON object when the body is %s', (body) => {
    expect(rejectionOf(recordPurchaseBody, body).body).toEqual({
      error: 'validation_failed',
      message: 'Invalid request: body',
      details: [{ path: 'body', reason: 'a JSON object is required' }],
    });
  });

  it('says what a body that is not an object should have been', () => {
    expect(rejectionOf(recordPurchaseBody, 'hello').body.details).toEqual([{ path: 'body', reason: 'Invalid input: expected object, received string' }]);
  });

  it('names a field of the wrong type', () => {
    const details = detailsFor(recordPurchaseBody, { ...purchase, currency: 42, amountMinor: 12.5 });
    expect(details?.map((detail) => detail.path)).toEqual(['amountMinor', 'currency']);
  });

  // zod 4 drops `issue.input` unless safeParse gets `reportInput: true`; without it, detailsOf took
  // every invalid_type issue for a missing value.
  it('does not call a present field of the wrong type missing', () => {
    const details = detailsFor(recordPurchaseBody, { ...purchase, currency: 42, amountMinor: 12.5 });
    expect(details).toEqual([
      { path: 'amountMinor', reason: expect.not.stringMatching(/required/) },
      { path: 'currency', reason: expect.not.stringMatching(/required/) },
    ]);
  });

  it('rejects negative money, and a zero refund', () => {
    expect(detailsFor(recordPurchaseBody, { ...purchase, amountMinor: -5 })).toEqual([{ path: 'amountMinor', reason: 'Too small: expected number to be >=0' }]);
    expect(detailsFor(recordPurchaseBody, { ...purchase, lines: [{ ...line, unitPriceMinor: -1 }] })).toEqual([
      { path: 'lines.0.unitPriceMinor', reason: 'Too small: expected number to be >=0' },
    ]);
    const refund = { refundId: 'r-1', purchaseId: 'p-1', amountMinor: 0, occurredAt: '2024-05-01T10:00:00Z' };
    expect(detailsFor(issueRefundBody, refund)).toEqual([{ path: 'amountMinor', reason: 'Too small: expected number to be >=1' }]);
  });

  it.each(['yesterday', '2024-05-01', '2024-05-01T10:00:00+02:00', '2024-02-30T10:00:00Z'])('rejects %s as occurredAt: only ISO 8601 UTC passes', (occurredAt) => {
    expect(detailsFor(recordPurchaseBody, { ...purchase, occurredAt })).toEqual([{ path: 'occurredAt', reason: 'Invalid ISO datetime' }]);
  });

  it('rejects oversized text, at the top level and nested', () => {
    expect(detailsFor(logCallBody, { ...call, notes: 'x'.repeat(10_001) })).toEqual([{ path: 'notes', reason: 'Too big: expected string to have <=10000 characters' }]);
    expect(new ZodValidationPipe(logCallBody, 'body').transform({ ...call, notes: 'x'.repeat(10_000) })).toMatchObject({ notes: 'x'.repeat(10_000) });
    expect(detailsFor(recordPurchaseBody, { ...purchase, lines: [{ ...line, sku: 'x'.repeat(101) }] })).toEqual([
      { path: 'lines.0.sku', reason: 'Too big: expected string to have <=100 characters' },
    ]);
  });

  it('names every bad field at once, and lists their paths in the message', () => {
    const error = rejectionOf(recordPurchaseBody, {
      ...purchase,
      amountMinor: -5,
      currency: 'eur',
      occurredAt: 'yesterday',
      coupon: 'FREE',
      lines: [{ ...line, sku: 'x'.repeat(101), colour: 'red' }],
    });
    expect(error.body).toEqual({
      error: 'validation_failed',
      message: 'Invalid request: amountMinor, currency, occurredAt, lines.0.sku, lines.0.colour, coupon',
      details: [
        { path: 'amountMinor', reason: 'Too small: expected number to be >=0' },
        { path: 'currency', reason: 'expected an ISO 4217 code of 3 upper-case letters' },
        { path: 'occurredAt', reason: 'Invalid ISO datetime' },
        { path: 'lines.0.sku', reason: 'Too big: expected string to have <=100 characters' },
        { path: 'lines.0.colour', reason: 'unknown field' },
        { path: 'coupon', reason: 'unknown field' },
      ],
    });
  });

  it('names a whole-body refinement after the location', () => {
    expect(detailsFor(changeContactDetailsBody, {})).toEqual([{ path: 'body', reason: 'give at least one of name, email, phone' }]);
  });

  describe('path and query inputs', () => {
    it('validates path parameters by name', () => {
      expect(new ZodValidationPipe(customerPath, 'path').transform({ id: 'cust-1' })).toEqual({ id: 'cust-1' });
      expect(detailsFor(customerPath, { id: '', extra: 'x' }, 'path')).toEqual([
        { path: 'id', reason: 'Too small: expected string to have >=1 characters' },
        { path: 'extra', reason: 'unknown field' },
      ]);
    });

    it('treats an absent query as empty: optional parameters pass, required ones are named', () => {
      const optional = z.strictObject({ limit: z.coerce.number().int().optional() });
      expect(new ZodValidationPipe(optional, 'query').transform(undefined)).toEqual({});
      const required = z.strictObject({ from: z.string() });
      expect(detailsFor(required, undefined, 'query')).toEqual([{ path: 'from', reason: 'is required' }]);
    });

    it('names a whole-query refinement after the location', () => {
      const range = z.strictObject({ from: z.coerce.number(), to: z.coerce.number() }).refine((q) => q.from <= q.to, 'from must not exceed to');
      expect(rejectionOf(range, { from: '5', to: '1' }, 'query').body).toEqual({
        error: 'validation_failed',
        message: 'Invalid request: query',
        details: [{ path: 'query', reason: 'from must not exceed to' }],
      });
    });
  });
});

describe('detailsOf', () => {
  it('joins nested paths with dots, array indexes included', () => {
    const issue: z.core.$ZodIssue = { code: 'unrecognized_keys', keys: ['a', 'b'], path: ['lines', 3], message: 'Unrecognized keys' };
    expect(detailsOf(issue, 'body')).toEqual([
      { path: 'lines.3.a', reason: 'unknown field' },
      { path: 'lines.3.b', reason: 'unknown field' },
    ]);
  });

  it('names a missing whole input after its location', () => {
    const issue: z.core.$ZodIssue = { code: 'invalid_type', expected: 'object', path: [], message: 'Invalid input' };
    expect(detailsOf(issue, 'query')).toEqual([{ path: 'query', reason: 'a JSON object is required' }]);
  });

  it("keeps zod's message for a wrong type when the issue reports its input", () => {
    const issue: z.core.$ZodIssue = { code: 'invalid_type', expected: 'string', input: 42, path: ['currency'], message: 'Invalid input: expected string, received number' };
    expect(detailsOf(issue, 'body')).toEqual([{ path: 'currency', reason: 'Invalid input: expected string, received number' }]);
  });
});
