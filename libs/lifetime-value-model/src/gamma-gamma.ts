// Gamma-Gamma model of monetary value: Fader & Hardie, "The Gamma-Gamma model of monetary value" (2013 note),
// and Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer base analysis",
// Journal of Marketing Research 42(4), 415–430.
// Each transaction value of a customer is Gamma(p, ν); across customers ν ~ Gamma(q, γ). The mean repeat spend
// zbar of x transactions is then informative about ν, and is assumed independent of the purchase process, so
// the model is fitted only on customers with x > 0 and combined with BG/NBD for lifetime value.

import type { CustomerSummary } from './customer-summary';
import type { FitResult } from './fit-result';
import { logGamma, logGammaRatio } from './log-gamma';
import { maximizeLogLikelihood } from './maximum-likelihood';

// Module-level aliases of the Math functions used in hot loops: in a vm context (as under jest) every lookup of a
// global such as Math is several times slower than the call itself, and the fits make millions of them.
const { log, log1p, exp } = Math;

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

export interface GammaGammaFitOptions {
  /** A starting point to try first; the fit falls back on two defaults scaled to the mean spend (p = 1, q = 2 first). */
  readonly initial?: GammaGammaParams;
  /** Nelder–Mead iteration budget per starting point (over its restarts). Default 20,000. */
  readonly maxIterations?: number;
}

const assertValidParams = (params: GammaGammaParams): void => {
  const { p, q, gamma } = params;
  if (![p, q, gamma].every((value) => Number.isFinite(value) && value > 0)) {
    throw new RangeError(`Gamma-Gamma parameters must be positive and finite (got p = ${p}, q = ${q}, γ = ${gamma})`);
  }
};

interface Spender {
  readonly x: number;
  readonly zbar: number;
}

const assertValidSpender = (x: number, zbar: number | undefined, where: string): number => {
  if (!Number.isInteger(x) || x <= 0) throw new RangeError(`${where}: x must be a positive integer (got ${x})`);
  if (zbar === undefined || !Number.isFinite(zbar) || zbar <= 0) {
    throw new RangeError(`${where}: zbar must be a positive amount when x > 0 (got ${zbar})`);
  }
  return zbar;
};

const spendersOf = (customers: readonly CustomerSummary[]): Spender[] =>
  customers.flatMap((c, i) => (c.x > 0 ? [{ x: c.x, zbar: assertValidSpender(c.x, c.zbar, `customer #${i}`) }] : []));

// Density of the mean spend zbar of x transactions, with ν integrated out:
//   f(zbar | p, q, γ; x) = Γ(px + q) / (Γ(px) Γ(q)) · γ^q · x^(px) · zbar^(px − 1) / (γ + x·zbar)^(px + q).
// The Γ terms depend on x alone, so they are computed once per distinct x. The rest is evaluated as
//   −px · ln(1 + γ/(x·zbar)) − ln zbar + q · (ln γ − ln(γ + x·zbar))   (the same expression, rearranged: x^(px)
//   zbar^(px) / (γ + x·zbar)^(px) = (1 + γ/(x·zbar))^(−px))
// and ln Γ(px + q) − ln Γ(px) goes through logGammaRatio, so that the optimiser's excursions along the ridge
// p → ∞, γ → 0 (every customer's spend constant) do not drown in cancellation between terms of size px.
const spendersLogLikelihood = (params: GammaGammaParams, spenders: readonly Spender[]): number => {
  const { p, q, gamma } = params;
  const logGammaQ = logGamma(q);
  const byX = new Map<number, number>();
  let total = 0;
  for (const { x, zbar } of spenders) {
    const px = p * x;
    let gammas = byX.get(x);
    if (gammas === undefined) {
      gammas = logGammaRatio(px, q) - logGammaQ;
      byX.set(x, gammas);
    }
    total += gammas - px * log1p(gamma / (x * zbar)) - log(zbar) + q * (log(gamma) - log(gamma + x * zbar));
  }
  return total;
};

/** Log-likelihood of the Gamma-Gamma model over the customers with x > 0 (the others carry no spend information). */
export const gammaGammaLogLikelihood = (params: GammaGammaParams, customers: readonly CustomerSummary[]): number => {
  assertValidParams(params);
  return spendersLogLikelihood(params, spendersOf(customers));
};

/**
 * Maximum-likelihood fit of p, q, γ on the customers with x > 0 (others are skipped; `customers` in the result
 * counts those used). Optimises over log-parameters with Nelder–Mead, restarts and fallback starting points.
 * Throws when no customer has a repeat purchase, since there is then no spend to fit.
 */
export const fitGammaGamma = (customers: readonly CustomerSummary[], options: GammaGammaFitOptions = {}): FitResult<GammaGammaParams> => {
  const spenders = spendersOf(customers);
  if (spenders.length === 0) {
    throw new Error('fitGammaGamma: no customer has a repeat purchase (x > 0), so there is no spend to fit');
  }
  const meanSpend = spenders.reduce((sum, s) => sum + s.zbar, 0) / spenders.length;
  // Both defaults imply a population mean pγ/(q − 1) equal to the sample's mean spend, so the start is on the
  // data's currency scale; the second has less spread between customers.
  const starts: GammaGammaParams[] = [
    ...(options.initial === undefined ? [] : [options.initial]),
    { p: 1, q: 2, gamma: meanSpend },
    { p: 5, q: 5, gamma: (4 * meanSpend) / 5 },
  ];
  starts.forEach(assertValidParams);

  const result = maximizeLogLikelihood(
    ([p, q, gamma]) => spendersLogLikelihood({ p, q, gamma }, spenders),
    starts.map((s) => [s.p, s.q, s.gamma]),
    options.maxIterations,
  );
  const [p, q, gamma] = result.logParams.map(exp);
  return {
    params: { p, q, gamma },
    logLikelihood: result.logLikelihood,
    iterations: result.iterations,
    converged: result.converged,
    customers: spenders.length,
  };
};

/** Mean transaction value across the population, E(Z) = pγ / (q − 1); finite only for q > 1. */
export const populationMeanValue = (params: GammaGammaParams): number => {
  assertValidParams(params);
  if (params.q <= 1) throw new RangeError(`populationMeanValue: the mean spend is infinite for q ≤ 1 (got q = ${params.q})`);
  return (params.p * params.gamma) / (params.q - 1);
};

/**
 * E(Z | x, zbar): expected value of a customer's future transactions,
 *   (γ + x·zbar) p / (px + q − 1) = (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · zbar,
 * a weighted average of the population mean and the customer's own mean spend, the weight on the latter growing
 * with x. With x = 0 nothing is known about the customer, so it is the population mean pγ/(q − 1).
 */
export const conditionalExpectedAverageValue = (params: GammaGammaParams, x: number, zbar: number): number => {
  if (x === 0) return populationMeanValue(params);
  assertValidParams(params);
  assertValidSpender(x, zbar, 'conditionalExpectedAverageValue');
  const { p, q, gamma } = params;
  return ((gamma + x * zbar) * p) / (p * x + q - 1);
};
