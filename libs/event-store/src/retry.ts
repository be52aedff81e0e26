import { ConcurrencyConflictError } from './errors';

export interface ConcurrencyRetryOptions {
  /** Total tries, the first included (>= 1). */
  readonly attempts: number;
  /** Told of each conflict that will be retried, to log or count it. */
  readonly onConflict?: (error: ConcurrencyConflictError, attempt: number) => void;
}

/**
 * Runs `fn` (which must load fresh state, decide, and append) again when its append conflicts, up to
 * `attempts` tries in all; then rethrows the last ConcurrencyConflictError. Other errors are not retried.
 */
export async function withConcurrencyRetry<T>(
  fn: (attempt: number) => Promise<T>,
  { attempts, onConflict }: ConcurrencyRetryOptions,
): Promise<T> {
  if (!Number.isSafeInteger(attempts) || attempts < 1) throw new TypeError(`withConcurrencyRetry: attempts must be a positive integer, got ${attempts}`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt >= attempts) throw error;
      onConflict?.(error, attempt);
    }
  }
}
