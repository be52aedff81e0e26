import { bucketStart, dayBefore, GRANULARITIES, nextBucket, type Granularity } from './periods';

/** A day, ISO week or month of a location, whose median resolution time a batch changes. */
export interface MedianBucket {
  readonly locationId: string;
  readonly granularity: Granularity;
  /** Its first day and its last, YYYY-MM-DD. */
  readonly start: string;
  readonly last: string;
}

/**
 * Every bucket (day, ISO week, month) holding one of the resolutions, once each, in the order first
 * met: their medians are recomputed with the batch. Pure.
 */
export function medianBuckets(resolutions: Iterable<{ readonly locationId: string; readonly day: string }>): MedianBucket[] {
  const buckets = new Map<string, MedianBucket>();
  for (const { locationId, day } of resolutions) {
    for (const granularity of GRANULARITIES) {
      const start = bucketStart(day, granularity);
      const key = `${locationId}\u001f${granularity}\u001f${start}`;
      if (!buckets.has(key)) buckets.set(key, { locationId, granularity, start, last: granularity === 'day' ? start : dayBefore(nextBucket(start, granularity)) });
    }
  }
  return [...buckets.values()];
}
