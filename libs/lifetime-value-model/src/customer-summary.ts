// The per-customer sufficient statistics both models are fitted on ("RFM" summary), all times in one unit.

export interface CustomerSummary {
  /** Repeat purchases: purchases after the first one (frequency). */
  readonly x: number;
  /** Recency: time from the first purchase to the last one (0 when x = 0). */
  readonly t_x: number;
  /** Age: time from the first purchase to the end of the observation period. */
  readonly T: number;
  /** Mean value of the repeat purchases (0 when x = 0); only the Gamma-Gamma model uses it. */
  readonly zbar?: number;
}

/** Throws a RangeError naming the customer and the rule it breaks; the fits call it on every row first. */
export const assertValidSummary = (customer: CustomerSummary, index: number): void => {
  const { x, t_x, T } = customer;
  const where = `customer #${index} (x = ${x}, t_x = ${t_x}, T = ${T})`;
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`${where}: x must be a non-negative integer`);
  if (!Number.isFinite(t_x) || !Number.isFinite(T) || t_x < 0) throw new RangeError(`${where}: t_x and T must be finite and t_x ≥ 0`);
  if (t_x > T) throw new RangeError(`${where}: recency t_x cannot exceed age T`);
  if (x === 0 && t_x !== 0) throw new RangeError(`${where}: t_x must be 0 when there are no repeat purchases`);
};
