// ln|Γ(x)| for real x. The likelihoods need it for arguments from ~1e-3 (small shape parameters)
// to several hundred (r + x, p·x + q), so one method alone is not enough:
// - x ≥ 10: Stirling's asymptotic series; with eight Bernoulli terms the truncation error is below 1e-17 there.
// - 0.5 ≤ x < 10: Lanczos approximation (g = 7, n = 9; Godfrey's coefficients), about 15 significant digits.
// - x < 0.5: the reflection formula Γ(x)Γ(1−x) = π / sin(πx), so tiny shapes keep full relative precision.

// Module-level aliases of the Math functions used in hot loops: in a vm context (as under jest) every lookup of a
// global such as Math is several times slower than the call itself, and the fits make millions of them.
const { log, log1p, abs, sin, PI } = Math;
const POSITIVE_INFINITY = Number.POSITIVE_INFINITY;

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS: readonly number[] = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

// B(2k) / (2k (2k − 1)) for k = 1..8: the coefficients of 1/x^(2k−1) in the Stirling series.
const STIRLING_COEFFICIENTS: readonly number[] = [
  1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400,
];

const STIRLING_FROM = 10;

const stirlingSeries = (x: number): number => {
  const inverseSquare = 1 / (x * x);
  let power = 1 / x;
  let series = 0;
  for (const coefficient of STIRLING_COEFFICIENTS) {
    series += coefficient * power;
    power *= inverseSquare;
  }
  return series;
};

const stirling = (x: number): number => (x - 0.5) * log(x) - x + HALF_LOG_TWO_PI + stirlingSeries(x);

const lanczos = (x: number): number => {
  const shifted = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i += 1) sum += LANCZOS_COEFFICIENTS[i] / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * log(t) - t + log(sum);
};

/** ln|Γ(x)|; +Infinity at the poles (0, −1, −2, …), NaN for NaN. */
export const logGamma = (x: number): number => {
  if (x >= STIRLING_FROM) return x === POSITIVE_INFINITY ? x : stirling(x);
  if (x >= 0.5) return lanczos(x);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0 && Number.isInteger(x)) return POSITIVE_INFINITY;
  // Reflection: ln|Γ(x)| = ln π − ln|sin(πx)| − ln Γ(1 − x); 1 − x > 0.5 so the recursion ends here.
  return log(PI) - log(abs(sin(PI * x))) - logGamma(1 - x);
};

/**
 * ln Γ(x + d) − ln Γ(x) for x > 0, x + d > 0. The likelihoods need such ratios (ln Γ(px + q) − ln Γ(px),
 * ln Γ(b + x) − ln Γ(b)) also where the optimiser probes huge shapes: there the two log-gammas are ~x ln x and
 * their plain difference loses every digit (at x = 1e15 the error is tens of units), which can fake a likelihood
 * far above the true maximum. For x, x + d ≥ 10 the Stirling forms are subtracted analytically instead:
 *   (x − ½) ln(1 + d/x) + d ln(x + d) − d + S(x + d) − S(x).
 */
export const logGammaRatio = (x: number, d: number): number => {
  const y = x + d;
  if (x < STIRLING_FROM || y < STIRLING_FROM || y === POSITIVE_INFINITY) return logGamma(y) - logGamma(x);
  return (x - 0.5) * log1p(d / x) + d * log(y) - d + stirlingSeries(y) - stirlingSeries(x);
};
