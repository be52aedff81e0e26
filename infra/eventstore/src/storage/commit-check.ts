import type { EventIdCache } from './event-id-cache';
import type { ExpectedRevision } from './expected-revision';

/** The outcome of checking a write against the stream, before anything is written. */
export type CommitDecision =
  | { kind: 'ok'; currentRevision: number; softDeleted: boolean }
  | { kind: 'idempotent'; firstRevision: number; lastRevision: number }
  | { kind: 'wrong-expected-version'; currentRevision: number }
  | { kind: 'stream-deleted' };

export interface StreamFacts {
  /** Last revision written (durable or not), -1 when the stream has no event. */
  currentRevision: number;
  tombstoned: boolean;
  softDeleted: boolean;
  /** Whether the stream has metadata: `stream_exists` accepts a stream known only by its metadata. */
  hasMetadata: boolean;
  /** The id of the event at a revision of this stream, read from the log. */
  eventIdAt(revision: number): Buffer | undefined;
}

/**
 * EventStoreDB's commit check (IndexWriter.CheckCommit), rule for rule: expected revision,
 * soft and hard deletes, and idempotent retries.
 */
export function checkCommit(
  stream: string,
  expected: ExpectedRevision,
  eventIds: Buffer[],
  facts: StreamFacts,
  recentIds: EventIdCache,
): CommitDecision {
  const current = facts.currentRevision;
  if (facts.tombstoned) return { kind: 'stream-deleted' };

  if (expected.kind === 'stream_exists') {
    if (facts.softDeleted) return { kind: 'stream-deleted' };
    if (current < 0 && !facts.hasMetadata) return { kind: 'wrong-expected-version', currentRevision: current };
  }

  if (expected.kind === 'any' || expected.kind === 'stream_exists') {
    return checkRecentIds(stream, eventIds, facts, recentIds);
  }

  const expectedRevision = expected.kind === 'no_stream' ? -1 : expected.revision;
  if (expectedRevision < current) {
    return checkRetryAt(expectedRevision, eventIds, facts, expected.kind === 'no_stream');
  }
  if (expectedRevision > current) return { kind: 'wrong-expected-version', currentRevision: current };
  return { kind: 'ok', currentRevision: current, softDeleted: facts.softDeleted };
}

/** With `any`/`stream_exists`, a retry is recognised by its ids among the recently written events. */
function checkRecentIds(stream: string, eventIds: Buffer[], facts: StreamFacts, recentIds: EventIdCache): CommitDecision {
  let first = -1;
  let last = -1;
  for (const [index, id] of eventIds.entries()) {
    const known = recentIds.get(id);
    if (!known || known.stream !== stream) {
      return index === 0
        ? { kind: 'ok', currentRevision: facts.currentRevision, softDeleted: facts.softDeleted }
        : { kind: 'wrong-expected-version', currentRevision: facts.currentRevision };
    }
    if (index === 0) first = known.revision;
    last = known.revision;
  }
  if (eventIds.length === 0) return { kind: 'ok', currentRevision: facts.currentRevision, softDeleted: facts.softDeleted };
  return { kind: 'idempotent', firstRevision: first, lastRevision: last };
}

/** With an exact expected revision behind the stream, the write is a retry if its ids follow that revision. */
function checkRetryAt(expectedRevision: number, eventIds: Buffer[], facts: StreamFacts, expectedNoStream: boolean): CommitDecision {
  let revision = expectedRevision;
  for (const id of eventIds) {
    revision += 1;
    const stored = revision <= facts.currentRevision ? facts.eventIdAt(revision) : undefined;
    if (stored && stored.equals(id)) continue;
    if (revision !== expectedRevision + 1) return { kind: 'wrong-expected-version', currentRevision: facts.currentRevision };
    if (expectedNoStream && facts.softDeleted) {
      return { kind: 'ok', currentRevision: facts.currentRevision, softDeleted: true };
    }
    return { kind: 'wrong-expected-version', currentRevision: facts.currentRevision };
  }
  if (revision === expectedRevision) return { kind: 'wrong-expected-version', currentRevision: facts.currentRevision };
  return { kind: 'idempotent', firstRevision: expectedRevision + 1, lastRevision: revision };
}
