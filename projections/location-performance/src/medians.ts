/** A resolution time (seconds) and the group it counts in: a bucket's first day's number (a row of partialBucketSeconds). */
export interface GroupedValue<Key> {
  readonly key: Key;
  readonly seconds: number;
}

/**
 * The median of each group's values (`values[i]` is in group `keys[i]`): what PostgreSQL's percentile_cont(0.5) gives, to the last bit (lo + 0.5 * (hi - lo) for an even count, in doubles as
 * PostgreSQL computes it). Groups without values are absent.
 */
export function mediansByGroup<Key>(keys: readonly Key[], values: readonly number[]): Map<Key, number> {
  const groups = new Map<Key, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const group = groups.get(keys[i]!);
    if (group === undefined) groups.set(keys[i]!, [values[i]!]);
    else group.push(values[i]!);
  }
  const medians = new Map<Key, number>();
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
