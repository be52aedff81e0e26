/** A resolution time (seconds) and the group it counts in: a bucket's first day. */
export interface GroupedValue {
  readonly key: string;
  readonly seconds: number;
}

/**
 * The median of each group's values: what PostgreSQL's percentile_cont(0.5) gives, to the last bit (lo + 0.5 * (hi - lo) for an even count, in doubles as
 * PostgreSQL computes it). Groups without values are absent.
 */
export function mediansByGroup(values: readonly GroupedValue[]): Map<string, number> {
  const groups = new Map<string, number[]>();
  for (const { key, seconds } of values) {
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [seconds]);
    else group.push(seconds);
  }
  const medians = new Map<string, number>();
  for (const [key, group] of groups) medians.set(key, medianOfSorted(Float64Array.from(group).sort()));
  return medians;
}

/** percentile_cont(0.5) of ascending values, at least one. */
function medianOfSorted(sorted: Float64Array): number {
  const middle = (sorted.length - 1) / 2;
  const lo = sorted[Math.floor(middle)]!;
  if (Number.isInteger(middle)) return lo;
  const hi = sorted[middle + 0.5]!;
  return lo + 0.5 * (hi - lo);
}
