import { maximizeLogLikelihood } from './maximum-likelihood';

describe('maximizeLogLikelihood', () => {
  const waits = [0.5, 1.2, 3.1, 0.2, 2.0];
  const total = waits.reduce((sum, w) => sum + w, 0);
  // Exponential waiting times: ln L(λ) = n ln λ − λ Σw, maximised at λ = n / Σw.
  const exponential = ([rate]: readonly number[]): number => waits.length * Math.log(rate) - rate * total;

  it('finds a closed-form maximum, keeping the parameter positive', () => {
    const result = maximizeLogLikelihood(exponential, [[100]]);
    expect(result.converged).toBe(true);
    expect(Math.exp(result.logParams[0])).toBeCloseTo(waits.length / total, 7);
    expect(result.logLikelihood).toBeCloseTo(exponential([waits.length / total]), 10);
  });

  it('tries the next start when one runs out of iterations, counting every iteration', () => {
    const result = maximizeLogLikelihood(exponential, [[1e-6], [1]], 5);
    expect(result.converged).toBe(false);
    expect(result.iterations).toBeGreaterThan(5);
  });

  it('reports converged = false when the likelihood keeps rising towards the boundary', () => {
    const unbounded = ([p]: readonly number[]): number => -1 / p;
    const result = maximizeLogLikelihood(unbounded, [[1], [10]]);
    expect(result.converged).toBe(false);
    expect(Number.isFinite(result.logLikelihood)).toBe(true);
  });

  it('needs at least one start', () => {
    expect(() => maximizeLogLikelihood(exponential, [])).toThrow(/no starting point/);
  });
});
