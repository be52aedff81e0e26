/** Wall-clock timing and small statistics shared by the benchmark suites. */

/** A measured stretch of work: how many items were processed and how long it took. */
export interface Timed {
  count: number;
  seconds: number;
  /** CPU this (client) process spent on the work, where measured. */
  cpuSeconds?: number;
}

/** CPU used by this process so far (all threads), in seconds. */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * What the client alone could reach if the server answered instantly and it had a core to itself:
 * the inverse of its CPU per item. Through the real client, no server can beat this ceiling.
 */
export function clientCeiling({ count, cpuSeconds }: Timed): number {
  return cpuSeconds ? count / cpuSeconds : NaN;
}

export function now(): bigint {
  return process.hrtime.bigint();
}

export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function perSecond({ count, seconds }: Timed): number {
  return seconds > 0 ? count / seconds : 0;
}

/**
 * Runs a measurement `runs` times and keeps the fastest. On a shared, noisy machine other work can only
 * slow a run down, so the best run is the closest estimate of what the code itself can do.
 */
export async function bestOf(runs: number, measure: () => Promise<Timed> | Timed): Promise<Timed> {
  let best: Timed | undefined;
  for (let i = 0; i < runs; i++) {
    const result = await measure();
    if (!best || perSecond(result) > perSecond(best)) best = result;
  }
  return best!;
}

/** Adds up measurements taken in rounds (count and time both summed). */
export function total(parts: readonly Timed[]): Timed {
  return parts.reduce(
    (sum, part) => ({
      count: sum.count + part.count,
      seconds: sum.seconds + part.seconds,
      cpuSeconds: (sum.cpuSeconds ?? 0) + (part.cpuSeconds ?? 0),
    }),
    { count: 0, seconds: 0, cpuSeconds: 0 },
  );
}

/** The p-th percentile (0..100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Rejects if `promise` has not settled within `ms` (so a stuck server fails a phase instead of hanging the run). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
