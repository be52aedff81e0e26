// Gauss's hypergeometric function 2F1(a, b; c; z) by its defining series
//   Σ_n (a)_n (b)_n / ((c)_n n!) z^n,
// the way Fader, Hardie & Lee's Excel note and the lifetimes library evaluate the BG/NBD expectation (eq. 10).
// There z = t / (α + T + t) lies in [0, 1), so the series converges; its term ratio tends to z, so it is slow
// only when z is close to 1 (a horizon t much longer than α + T).
// Stopping rule: the ratio of successive terms, ρ_n = (a+n)(b+n) z / ((c+n)(n+1)), tends to z monotonically
// once n is past the early terms (from above when a + b − c − 1 > 0, from below otherwise), so q = max(|ρ_n|, |z|)
// bounds the later ratios and the tail beyond a term is at most |term| · q / (1 − q). We stop when that bound is
// below tolerance · |sum|, which also keeps an early run of growing terms (large a·b/c) from passing for convergence.
// For z < 0 the Pfaff transformation 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z / (z − 1)) turns the
// alternating series into one on (0, 1) without cancellation, and extends the domain to every z < 1
// (a non-positive integer a makes the series a polynomial, evaluated directly for any z).

// Module-level aliases of the Math functions used in hot loops: in a vm context (as under jest) every lookup of a
// global such as Math is several times slower than the call itself, and the fits make millions of them.
const { abs, max } = Math;

export interface HypergeometricOptions {
  /** Relative accuracy of the truncated sum. Default 1e-15. */
  readonly tolerance?: number;
  /** Give up (throw) after this many terms. Default 1,000,000 (enough for z up to about 0.9999). */
  readonly maxTerms?: number;
}

const isNonPositiveInteger = (value: number): boolean => value <= 0 && Number.isInteger(value);

const series = (a: number, b: number, c: number, z: number, tolerance: number, maxTerms: number): number => {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n += 1) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    // A non-positive integer a or b makes the series a polynomial: from here on every term is exactly zero.
    if (term === 0) return sum;
    const bound = max(abs(ratio), abs(z));
    if (bound < 1 && (abs(term) * bound) / (1 - bound) <= tolerance * abs(sum)) return sum;
  }
  throw new RangeError(`hypergeometric2F1(${a}, ${b}; ${c}; ${z}): series did not converge in ${maxTerms} terms`);
};

/** 2F1(a, b; c; z) for real z < 1; throws RangeError outside that domain or when the series fails to converge. */
export const hypergeometric2F1 = (a: number, b: number, c: number, z: number, options: HypergeometricOptions = {}): number => {
  const tolerance = options.tolerance ?? 1e-15;
  const maxTerms = options.maxTerms ?? 1_000_000;
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new RangeError(`hypergeometric2F1: arguments must be finite (got ${a}, ${b}; ${c}; ${z})`);
  }
  if (z === 0 || a === 0 || b === 0) return 1;
  // (c)_n vanishes for a non-positive integer c: the function is undefined unless the series stops first.
  const terminatesBeforeC = (value: number): boolean => isNonPositiveInteger(value) && value > c;
  if (isNonPositiveInteger(c) && !terminatesBeforeC(a) && !terminatesBeforeC(b)) {
    throw new RangeError(`hypergeometric2F1: c = ${c} is a non-positive integer`);
  }
  if (z >= 1) throw new RangeError(`hypergeometric2F1: the series needs z < 1 (got z = ${z})`);
  if (z < 0 && !isNonPositiveInteger(a)) {
    return Math.pow(1 - z, -a) * series(a, c - b, c, z / (z - 1), tolerance, maxTerms);
  }
  return series(a, b, c, z, tolerance, maxTerms);
};
