import { checkCommit, StreamFacts } from './commit-check';
import { EventIdCache } from './event-id-cache';
import type { ExpectedRevision } from './expected-revision';

const id = (n: number) => Buffer.from(n.toString(16).padStart(32, '0'), 'hex');

/** Given a stream holding events with ids 1..n (recently written), when a write arrives, then… */
function given(n: number, overrides: Partial<StreamFacts> = {}) {
  const recent = new EventIdCache();
  for (let revision = 0; revision < n; revision++) recent.put(id(revision + 1), { stream: 's', revision });
  const facts: StreamFacts = {
    currentRevision: n - 1,
    tombstoned: false,
    softDeleted: false,
    hasMetadata: false,
    eventIdAt: (revision) => (revision < n ? id(revision + 1) : undefined),
    ...overrides,
  };
  return { when: (expected: ExpectedRevision, ids: number[]) => checkCommit('s', expected, ids.map(id), facts, recent) };
}

const exact = (revision: number): ExpectedRevision => ({ kind: 'exact', revision });

describe('the commit check (EventStoreDB IndexWriter.CheckCommit)', () => {
  it('accepts a write at the current revision', () => {
    expect(given(3).when(exact(2), [10])).toEqual({ kind: 'ok', currentRevision: 2, softDeleted: false });
  });

  it('refuses a stale or future revision with the actual one', () => {
    expect(given(3).when(exact(1), [10])).toEqual({ kind: 'wrong-expected-version', currentRevision: 2 });
    expect(given(3).when(exact(5), [10])).toEqual({ kind: 'wrong-expected-version', currentRevision: 2 });
  });

  it('treats no_stream as revision -1', () => {
    expect(given(0).when({ kind: 'no_stream' }, [10]).kind).toBe('ok');
    expect(given(2).when({ kind: 'no_stream' }, [10])).toEqual({ kind: 'wrong-expected-version', currentRevision: 1 });
  });

  it('recognises a retry at an exact revision by the ids that follow it', () => {
    expect(given(3).when(exact(0), [2, 3])).toEqual({ kind: 'idempotent', firstRevision: 1, lastRevision: 2 });
    expect(given(3).when({ kind: 'no_stream' }, [1, 2, 3])).toEqual({ kind: 'idempotent', firstRevision: 0, lastRevision: 2 });
  });

  it('refuses a retry that only partly matches what was written', () => {
    expect(given(3).when(exact(0), [2, 99])).toEqual({ kind: 'wrong-expected-version', currentRevision: 2 });
    expect(given(3).when(exact(1), [3, 4])).toEqual({ kind: 'wrong-expected-version', currentRevision: 2 });
  });

  it('recognises a retry with any or stream_exists by recent ids', () => {
    expect(given(3).when({ kind: 'any' }, [2, 3])).toEqual({ kind: 'idempotent', firstRevision: 1, lastRevision: 2 });
    expect(given(3).when({ kind: 'stream_exists' }, [1])).toEqual({ kind: 'idempotent', firstRevision: 0, lastRevision: 0 });
    expect(given(3).when({ kind: 'any' }, [7]).kind).toBe('ok');
    expect(given(3).when({ kind: 'any' }, [3, 7])).toEqual({ kind: 'wrong-expected-version', currentRevision: 2 });
  });

  it('needs the stream, or its metadata, for stream_exists', () => {
    expect(given(0).when({ kind: 'stream_exists' }, [1])).toEqual({ kind: 'wrong-expected-version', currentRevision: -1 });
    expect(given(0, { hasMetadata: true }).when({ kind: 'stream_exists' }, [1]).kind).toBe('ok');
  });

  it('refuses every write to a tombstoned stream', () => {
    for (const expected of [{ kind: 'any' }, { kind: 'no_stream' }, exact(2)] as ExpectedRevision[]) {
      expect(given(3, { tombstoned: true }).when(expected, [10])).toEqual({ kind: 'stream-deleted' });
    }
  });

  it('lets a soft-deleted stream be recreated, but not with stream_exists', () => {
    const deleted = given(3, { softDeleted: true });
    expect(deleted.when({ kind: 'no_stream' }, [10])).toEqual({ kind: 'ok', currentRevision: 2, softDeleted: true });
    expect(deleted.when({ kind: 'any' }, [10])).toEqual({ kind: 'ok', currentRevision: 2, softDeleted: true });
    expect(deleted.when(exact(2), [10])).toEqual({ kind: 'ok', currentRevision: 2, softDeleted: true });
    expect(deleted.when({ kind: 'stream_exists' }, [10])).toEqual({ kind: 'stream-deleted' });
  });
});
