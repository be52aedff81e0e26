// BG/NBD model of repeat purchasing: Fader, Hardie & Lee (2005), "Counting your customers the easy way:
// an alternative to the Pareto/NBD model", Marketing Science 24(2), 275–284.
// While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after every purchase they drop
// out with probability p ~ Beta(a, b). Fitted on (x, t_x, T) per customer, all times in one unit; α carries
// that unit (a fit in days gives 7× the α of a fit in weeks and the same r, a, b).

import { assertValidSummary, type CustomerSummary } from './customer-summary';
import type { FitResult } from './fit-result';
import { hypergeometric2F1 } from './hypergeometric';
import { logGammaRatio } from './log-gamma';
import { maximizeLogLikelihood } from './maximum-likelihood';

// Module-level aliases of the Math functions used in hot loops: in a vm context (as under jest) every lookup of a
// global such as Math is several times slower than the call itself, and the fits make millions of them.
const { log, exp, max, pow } = Math;
const NEGATIVE_INFINITY = Number.NEGATIVE_INFINITY;

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

export interface BgNbdFitOptions {
  /** A starting point to try first; the fit falls back on two data-scaled defaults (r = a = b = 1, α = ΣT/Σx first). */
  readonly initial?: BgNbdParams;
  /** Nelder–Mead iteration budget per starting point (over its restarts). Default 20,000. */
  readonly maxIterations?: number;
}

const assertValidParams = (params: BgNbdParams): void => {
  const { r, alpha, a, b } = params;
  if (![r, alpha, a, b].every((value) => Number.isFinite(value) && value > 0)) {
    throw new RangeError(`BG/NBD parameters must be positive and finite (got r = ${r}, α = ${alpha}, a = ${a}, b = ${b})`);
  }
};

// ln(e^u + e^v) without overflow or underflow.
const logAddExp = (u: number, v: number): number => {
  const high = max(u, v);
  if (high === NEGATIVE_INFINITY) return high;
  return high + log(exp(u - high) + exp(v - high));
};

interface Sample {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly distinctX: readonly number[];
}

const toSample = (customers: readonly CustomerSummary[]): Sample => {
  customers.forEach(assertValidSummary);
  return {
    x: Float64Array.from(customers, (c) => c.x),
    tx: Float64Array.from(customers, (c) => c.t_x),
    T: Float64Array.from(customers, (c) => c.T),
    distinctX: [...new Set(customers.map((c) => c.x))],
  };
};

// The log-likelihood of the sample: the paper's likelihood for a randomly chosen customer, in the A1…A4 form of
// Fader & Hardie's note "Implementing the BG/NBD model for customer base analysis in Excel" (2005):
//   ln L_i = A1 + A2 + ln(e^A3 + δ(x > 0) e^A4)
//   A1 = ln Γ(r + x) − ln Γ(r) + r ln α            A3 = −(r + x) ln(α + T)
//   A2 = ln Γ(a + b) + ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x)
//   A4 = ln a − ln(b + x − 1) − (r + x) ln(α + t_x)
// A1, A2 and the constant part of A4 depend on x alone, so they are computed once per distinct x: the fit then
// costs a couple of logarithms per customer per evaluation. The Γ differences go through logGammaRatio, which
// stays accurate when the optimiser probes huge a and b (the ridge towards a homogeneous dropout probability).
const sampleLogLikelihood = (params: BgNbdParams, sample: Sample): number => {
  const { r, alpha, a, b } = params;
  const logAlpha = log(alpha);
  const byX = new Map<number, { readonly a12: number; readonly a4: number }>();
  for (const x of sample.distinctX) {
    const a12 = logGammaRatio(r, x) + r * logAlpha + logGammaRatio(b, x) - logGammaRatio(a + b, x);
    byX.set(x, { a12, a4: x > 0 ? log(a) - log(b + x - 1) : NEGATIVE_INFINITY });
  }
  let total = 0;
  for (let i = 0; i < sample.x.length; i += 1) {
    const x = sample.x[i];
    const terms = byX.get(x);
    if (terms === undefined) throw new Error(`BG/NBD: no precomputed terms for x = ${x}`);
    const a3 = -(r + x) * log(alpha + sample.T[i]);
    const a4 = x > 0 ? terms.a4 - (r + x) * log(alpha + sample.tx[i]) : NEGATIVE_INFINITY;
    total += terms.a12 + logAddExp(a3, a4);
  }
  return total;
};

/** Log-likelihood of the BG/NBD model for a set of customers (sum over customers of ln L_i). */
export const bgNbdLogLikelihood = (params: BgNbdParams, customers: readonly CustomerSummary[]): number => {
  assertValidParams(params);
  return sampleLogLikelihood(params, toSample(customers));
};

/**
 * Maximum-likelihood fit of r, α, a, b. Optimises over the logarithms of the parameters (so they stay positive)
 * with Nelder–Mead, restarts and fallback starting points. Throws when there is nothing to fit: no customers, or
 * nobody with a repeat purchase (the likelihood then increases without bound as the purchase rate goes to zero).
 */
export const fitBgNbd = (customers: readonly CustomerSummary[], options: BgNbdFitOptions = {}): FitResult<BgNbdParams> => {
  if (customers.length === 0) throw new Error('fitBgNbd: no customers to fit');
  const sample = toSample(customers);
  const totalX = sample.x.reduce((sum, x) => sum + x, 0);
  if (totalX === 0) throw new Error('fitBgNbd: no customer has a repeat purchase (x > 0), so the model cannot be fitted');
  const totalT = sample.T.reduce((sum, T) => sum + T, 0);
  // r/α is the mean purchase rate of a live customer, so α = ΣT/Σx (with r = 1) puts the start on the data's time
  // scale: the fit is then the same in days or weeks, up to α's unit. The second start has more heterogeneity.
  const rateScale = totalT / totalX;
  const starts: BgNbdParams[] = [
    ...(options.initial === undefined ? [] : [options.initial]),
    { r: 1, alpha: rateScale, a: 1, b: 1 },
    { r: 0.25, alpha: rateScale / 4, a: 0.5, b: 2 },
  ];
  starts.forEach(assertValidParams);

  const result = maximizeLogLikelihood(
    ([r, alpha, a, b]) => sampleLogLikelihood({ r, alpha, a, b }, sample),
    starts.map((s) => [s.r, s.alpha, s.a, s.b]),
    options.maxIterations,
  );
  const [r, alpha, a, b] = result.logParams.map(exp);
  return {
    params: { r, alpha, a, b },
    logLikelihood: result.logLikelihood,
    iterations: result.iterations,
    converged: result.converged,
    customers: customers.length,
  };
};

/**
 * P(alive | x, t_x, T): the probability that the customer has not yet dropped out (Fader, Hardie & Lee 2008,
 * note "Computing P(alive) using the BG/NBD model"; it is the denominator of eq. 10, inverted):
 *   1 / (1 + δ(x > 0) · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)).
 * In BG/NBD a customer can only drop out right after a purchase, so with no repeat purchase P(alive) = 1.
 */
export const probabilityAlive = (params: BgNbdParams, x: number, t_x: number, T: number): number => {
  assertValidParams(params);
  assertValidSummary({ x, t_x, T }, 0);
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = log(a / (b + x - 1)) + (r + x) * log((alpha + T) / (alpha + t_x));
  return 1 / (1 + exp(logOdds));
};

/**
 * E[Y(t) | x, t_x, T]: expected number of purchases in the next t periods by a customer with history
 * (x, t_x, T) (FHL 2005, eq. 10):
 *   (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r + x) · 2F1(r + x, b + x; a + b + x − 1; t/(α + T + t))]
 *   / [1 + δ(x > 0) · a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)]
 * For a < 1 (as on CDNOW) both factors of the numerator are negative and the result is still positive.
 * a = 1 is a removable singularity of this closed form and is rejected.
 */
export const expectedTransactions = (params: BgNbdParams, t: number, x: number, t_x: number, T: number): number => {
  assertValidParams(params);
  assertValidSummary({ x, t_x, T }, 0);
  if (!Number.isFinite(t) || t < 0) throw new RangeError(`expectedTransactions: horizon t must be finite and ≥ 0 (got ${t})`);
  const { r, alpha, a, b } = params;
  if (a === 1) throw new RangeError('expectedTransactions: a = 1 is a singular point of eq. 10');
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const hyper = hypergeometric2F1(r + x, b + x, a + b + x - 1, z);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - pow((alpha + T) / (alpha + T + t), r + x) * hyper);
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * pow((alpha + T) / (alpha + t_x), r + x) : 1;
  return numerator / denominator;
};
