import { causedBy, commandMetadata, parseEventMetadata } from './metadata';

describe('event metadata', () => {
  const own = { actor: 'service:worker', source: 'worker', schemaVersion: 1 };

  it('makes the metadata of an event caused by another: same correlation, caused by its id', () => {
    const cause = { id: 'e-1', metadata: { correlationId: 'corr-1', causationId: 'cmd-1', actor: 'user:7', source: 'api', schemaVersion: 2 } };
    expect(causedBy(cause, own)).toEqual({ ...own, correlationId: 'corr-1', causationId: 'e-1' });
  });

  it('makes the metadata of an event decided by a command, which starts the correlation unless given one', () => {
    expect(commandMetadata({ commandId: 'cmd-1' }, { ...own, idempotencyKey: 'k' })).toEqual({
      ...own,
      idempotencyKey: 'k',
      correlationId: 'cmd-1',
      causationId: 'cmd-1',
    });
    expect(commandMetadata({ commandId: 'cmd-2', correlationId: 'upstream' }, own).correlationId).toBe('upstream');
  });

  it('keeps only the known fields', () => {
    const parsed = parseEventMetadata({ correlationId: 'c', causationId: 'c', actor: 'a', source: 's', schemaVersion: 1, extra: true });
    expect(Object.keys(parsed)).toEqual(['correlationId', 'causationId', 'actor', 'source', 'schemaVersion']);
  });

  it('names every bad field', () => {
    expect(() => parseEventMetadata({ correlationId: '', actor: 'a', source: 's', schemaVersion: 0, idempotencyKey: 5 })).toThrow(
      'invalid event metadata: correlationId must be a non-empty string; causationId must be a non-empty string; schemaVersion must be a positive integer; idempotencyKey, when present, must be a non-empty string',
    );
    expect(() => parseEventMetadata(undefined)).toThrow('metadata must be a JSON object');
  });
});
