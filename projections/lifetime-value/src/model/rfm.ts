// RFM scoring: recency, frequency and monetary value, each scored 1–5 by quintile among the customers
// being compared (one currency's customers with at least one transaction), and a segment from the R and
// F scores after the common R×F segment map of CRM practice:
//
//          F=1             F=2                  F=3                  F=4        F=5
//   R=5    new             potential-loyalists  potential-loyalists  champions  champions
//   R=4    promising       potential-loyalists  potential-loyalists  loyal      loyal
//   R=3    about-to-sleep  about-to-sleep       need-attention       loyal      loyal
//   R=1,2  hibernating     hibernating          at-risk              at-risk    cannot-lose
//
// Monetary is scored and reported but, as in that map, does not choose the segment.

export type Score = 1 | 2 | 3 | 4 | 5;

export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential-loyalists',
  'new',
  'promising',
  'need-attention',
  'about-to-sleep',
  'at-risk',
  'cannot-lose',
  'hibernating',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export interface RfmInput {
  /** Days from the last purchase to the as-of date: fewer is better. */
  readonly recencyDays: number;
  /** Number of transactions: more is better. */
  readonly frequency: number;
  /** Net spend, minor units: more is better. */
  readonly monetaryMinor: number;
}

export interface RfmScore {
  readonly recency: Score;
  readonly frequency: Score;
  readonly monetary: Score;
  readonly segment: RfmSegment;
}

// SEGMENT_GRID[r - 1][f - 1]
const SEGMENT_GRID: readonly (readonly RfmSegment[])[] = [
  ['hibernating', 'hibernating', 'at-risk', 'at-risk', 'cannot-lose'],
  ['hibernating', 'hibernating', 'at-risk', 'at-risk', 'cannot-lose'],
  ['about-to-sleep', 'about-to-sleep', 'need-attention', 'loyal', 'loyal'],
  ['promising', 'potential-loyalists', 'potential-loyalists', 'loyal', 'loyal'],
  ['new', 'potential-loyalists', 'potential-loyalists', 'champions', 'champions'],
];

export const rfmSegment = (recency: Score, frequency: Score): RfmSegment => SEGMENT_GRID[recency - 1][frequency - 1];

/**
 * Quintile scores of `values`, in their order: 1 + ⌊5 · (how many values are strictly worse) / n⌋, so the
 * best fifth scores 5 and the worst fifth 1. Equal values always share a score (no arbitrary tie-break by
 * id or order), so when one value holds more than a fifth of the population (frequency 1, typically) the
 * scores above it skip a step. Pure; O(n log n).
 */
export function quintileScores(values: readonly number[], better: 'higher' | 'lower'): Score[] {
  const n = values.length;
  const oriented = values.map((value) => (better === 'higher' ? value : -value));
  const sorted = [...oriented].sort((a, b) => a - b);
  return oriented.map((value) => (1 + Math.floor((5 * countBelow(sorted, value)) / n)) as Score);
}

/** RFM scores and segments of a population snapshot, in the order of `population`. Pure. */
export function rfmScores(population: readonly RfmInput[]): RfmScore[] {
  const recency = quintileScores(
    population.map((c) => c.recencyDays),
    'lower',
  );
  const frequency = quintileScores(
    population.map((c) => c.frequency),
    'higher',
  );
  const monetary = quintileScores(
    population.map((c) => c.monetaryMinor),
    'higher',
  );
  return population.map((_, i) => ({ recency: recency[i], frequency: frequency[i], monetary: monetary[i], segment: rfmSegment(recency[i], frequency[i]) }));
}

/** How many elements of an ascending array are strictly less than `value`. */
function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
