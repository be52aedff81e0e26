// Shared driver of the maximum-likelihood fits: maximise over log-parameters (so every parameter stays positive
// without constraints) with Nelder–Mead, trying a short list of starting points in turn.
// The likelihoods here have one interior maximum when the data support one, but Nelder–Mead started far from it
// can drift onto a ridge towards the boundary (for Gamma-Gamma, p → ∞ with pγ fixed) and stall there, so a start
// that ends at the boundary or out of iterations is followed by the next one.

import { minimize } from './nelder-mead';

export interface MaximumLikelihoodResult {
  readonly logParams: readonly number[];
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const LOG_PARAMETER_LIMIT = Math.log(1e12);

// A parameter beyond 1e±12 means the likelihood was still rising towards the edge of the parameter space.
const reachedBoundary = (logParams: readonly number[]): boolean => logParams.some((v) => !(Math.abs(v) <= LOG_PARAMETER_LIMIT));

/**
 * Maximises logLikelihood(exp(v)) over v from each start (positive parameters) until one converges to an interior
 * point; returns that, or when none does the best of the failed attempts with converged = false.
 */
export const maximizeLogLikelihood = (
  logLikelihood: (params: readonly number[]) => number,
  starts: readonly (readonly number[])[],
  maxIterations = 20_000,
): MaximumLikelihoodResult => {
  const negative = (v: readonly number[]): number => -logLikelihood(v.map(Math.exp));
  let best: MaximumLikelihoodResult | undefined;
  let iterations = 0;
  for (const start of starts) {
    const result = minimize(negative, start.map(Math.log), { maxIterations });
    iterations += result.iterations;
    const converged = result.converged && !reachedBoundary(result.x);
    const attempt = { logParams: result.x, logLikelihood: -result.value, iterations, converged };
    if (attempt.converged) return attempt;
    if (best === undefined || attempt.logLikelihood > best.logLikelihood) best = attempt;
  }
  if (best === undefined) throw new Error('maximizeLogLikelihood: no starting point given');
  return { ...best, iterations };
};
