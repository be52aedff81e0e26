import { ErrorType, isCommandError } from '@eventstore/db-client';
import type { ExpectedRevision } from './append';

/** Someone appended to the stream since we read it: reload, decide again, retry (see withConcurrencyRetry). */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's revision at the time of the append; 'no_stream' when it does not exist. */
    readonly actual: bigint | 'no_stream',
    options?: { cause?: unknown },
  ) {
    super(`Concurrency conflict on ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`, options);
    this.name = 'ConcurrencyConflictError';
  }
}

/** The stream was hard-deleted (tombstoned): it can never be read or written again. */
export class StreamDeletedError extends Error {
  constructor(
    readonly stream: string,
    options?: { cause?: unknown },
  ) {
    super(`Stream ${stream} is deleted`, options);
    this.name = 'StreamDeletedError';
  }
}

/** An event in the log whose metadata is not Ledgerline's: written by something other than this library. */
export class MalformedEventError extends Error {
  constructor(
    readonly stream: string,
    readonly revision: bigint,
    reason: string,
  ) {
    super(`Event ${revision} of ${stream} is malformed: ${reason}`);
    this.name = 'MalformedEventError';
  }
}

/** Turns the client's errors that callers act on into ours; anything else passes through unchanged. */
export function mapClientError(error: unknown, stream: string): unknown {
  if (!(error instanceof Error) || !isCommandError(error)) return error;
  switch (error.type) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return new ConcurrencyConflictError(error.streamName || stream, error.expectedVersion, error.actualVersion, { cause: error });
    case ErrorType.STREAM_DELETED:
      return new StreamDeletedError(error.streamName || stream, { cause: error });
    default:
      return error;
  }
}
