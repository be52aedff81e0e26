import { bgNbdLogLikelihood, expectedTransactions, fitBgNbd, probabilityAlive, type BgNbdParams } from './bg-nbd';
import type { CustomerSummary } from './customer-summary';
import type { FitResult } from './fit-result';
import { logGamma } from './log-gamma';
import { loadCdnowSummary, type CdnowCustomer } from './testing/cdnow';

// Fader, Hardie & Lee (2005), table/section 5: the CDNOW calibration fit, in weeks.
const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PUBLISHED_LOG_LIKELIHOOD = -9582.4;

// Composite Simpson's rule on [0, 1] (n even).
const simpson = (f: (u: number) => number, n = 2000): number => {
  let sum = f(0) + f(1);
  for (let i = 1; i < n; i += 1) sum += (i % 2 === 1 ? 4 : 2) * f(i / n);
  return sum / (3 * n);
};

describe('BG/NBD on CDNOW (published results)', () => {
  let customers: CdnowCustomer[];
  let weeks: FitResult<BgNbdParams>;

  beforeAll(() => {
    customers = loadCdnowSummary();
    weeks = fitBgNbd(customers);
  });

  it('reads the 2,357 customers of the calibration summary', () => {
    expect(customers).toHaveLength(2357);
  });

  it('fits r, α, a, b that round to the published 0.243, 4.414, 0.793, 2.426', () => {
    expect(weeks.converged).toBe(true);
    expect(weeks.customers).toBe(2357);
    // Within half a unit of the third decimal: a fit that does not round to the published figures fails.
    expect(Math.abs(weeks.params.r - PUBLISHED.r)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(weeks.params.alpha - PUBLISHED.alpha)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(weeks.params.a - PUBLISHED.a)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(weeks.params.b - PUBLISHED.b)).toBeLessThanOrEqual(0.0005);
  });

  it('reaches the published log-likelihood of −9582.4', () => {
    expect(Math.abs(weeks.logLikelihood - PUBLISHED_LOG_LIKELIHOOD)).toBeLessThanOrEqual(0.1);
  });

  it('gives the published log-likelihood at the published parameters, and no more than at the optimum', () => {
    const atPublished = bgNbdLogLikelihood(PUBLISHED, customers);
    expect(Math.abs(atPublished - PUBLISHED_LOG_LIKELIHOOD)).toBeLessThanOrEqual(0.1);
    expect(atPublished).toBeLessThanOrEqual(weeks.logLikelihood);
  });

  it('in days gives the same r, a, b, α × 7, and a log-likelihood lower by Σx · ln 7 (the density of rescaled times)', () => {
    const days = fitBgNbd(customers.map((c) => ({ x: c.x, t_x: c.t_x * 7, T: c.T * 7 })));
    expect(days.converged).toBe(true);
    expect(days.params.r / weeks.params.r).toBeCloseTo(1, 5);
    expect(days.params.alpha / (7 * weeks.params.alpha)).toBeCloseTo(1, 5);
    expect(days.params.a / weeks.params.a).toBeCloseTo(1, 5);
    expect(days.params.b / weeks.params.b).toBeCloseTo(1, 5);
    const totalX = customers.reduce((sum, c) => sum + c.x, 0);
    expect(days.logLikelihood).toBeCloseTo(weeks.logLikelihood - totalX * Math.log(7), 5);
  });

  it('reaches the same optimum from a poor starting point', () => {
    const far = fitBgNbd(customers, { initial: { r: 10, alpha: 0.1, a: 0.05, b: 50 } });
    expect(far.converged).toBe(true);
    expect(far.logLikelihood).toBeCloseTo(weeks.logLikelihood, 6);
    expect(far.params.r).toBeCloseTo(weeks.params.r, 4);
    expect(far.params.b).toBeCloseTo(weeks.params.b, 3);
  });

  it("reproduces the paper's worked example: x = 2, t_x = 30.43, T = 38.86 buys 1.226 times in the next 39 weeks", () => {
    expect(expectedTransactions(PUBLISHED, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    expect(expectedTransactions(weeks.params, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });
});

describe('BG/NBD expressions', () => {
  const params = PUBLISHED;

  it('P(alive) is 1 with no repeat purchase, whatever the age', () => {
    expect(probabilityAlive(params, 0, 0, 0)).toBe(1);
    expect(probabilityAlive(params, 0, 0, 500)).toBe(1);
  });

  it('P(alive) is the share of the "still alive" branch in the individual likelihood', () => {
    const { r, alpha, a, b } = params;
    for (const [x, t_x, T] of [[1, 2, 30], [2, 30.43, 38.86], [7, 10, 39], [15, 38, 39]]) {
      const logBeta = (p: number, q: number): number => logGamma(p) + logGamma(q) - logGamma(p + q);
      const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) - logBeta(a, b);
      const alive = Math.exp(common + logBeta(a, b + x) - (r + x) * Math.log(alpha + T));
      const dropped = Math.exp(common + logBeta(a + 1, b + x - 1) - (r + x) * Math.log(alpha + t_x));
      expect(probabilityAlive(params, x, t_x, T)).toBeCloseTo(alive / (alive + dropped), 12);
    }
  });

  it('P(alive) falls the longer a customer has been silent', () => {
    const recent = probabilityAlive(params, 4, 30, 31);
    const silent = probabilityAlive(params, 4, 30, 60);
    expect(recent).toBeGreaterThan(silent);
    expect(silent).toBeGreaterThan(0);
    expect(recent).toBeLessThan(1);
  });

  it('eq. 10 agrees with direct integration over the posterior of p (no hypergeometric function involved)', () => {
    // Alive, a customer has λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x) and makes (1 − e^(−λpt))/p purchases
    // in t on average; integrating λ out leaves one integral over p, taken after p = u^(1/a) removes p^(a−1).
    const { r, alpha, a, b } = params;
    for (const [t, x, t_x, T] of [[39, 2, 30.43, 38.86], [10, 0, 0, 20], [52, 5, 12, 39], [100, 1, 35, 36]]) {
      const logBetaAB = logGamma(a) + logGamma(b + x) - logGamma(a + b + x);
      const integrand = (u: number): number => {
        if (u === 0) return ((r + x) * t) / (alpha + T) / (a * Math.exp(logBetaAB));
        const p = Math.pow(u, 1 / a);
        const perP = (1 - Math.pow((alpha + T) / (alpha + T + p * t), r + x)) / p;
        return (perP * Math.pow(1 - p, b + x - 1)) / (a * Math.exp(logBetaAB));
      };
      const direct = probabilityAlive(params, x, t_x, T) * simpson(integrand);
      expect(expectedTransactions(params, t, x, t_x, T)).toBeCloseTo(direct, 6);
    }
  });

  it('expects nothing over a zero horizon and more over longer ones', () => {
    expect(expectedTransactions(params, 0, 3, 20, 39)).toBe(0);
    const horizons = [1, 5, 20, 52, 260].map((t) => expectedTransactions(params, t, 3, 20, 39));
    horizons.slice(1).forEach((value, i) => expect(value).toBeGreaterThan(horizons[i]));
  });

  it('rejects invalid histories and parameters', () => {
    expect(() => probabilityAlive(params, 2, 40, 39)).toThrow(/t_x cannot exceed/);
    expect(() => probabilityAlive(params, 1.5, 4, 39)).toThrow(/non-negative integer/);
    expect(() => expectedTransactions(params, -1, 1, 4, 39)).toThrow(/horizon/);
    expect(() => expectedTransactions({ ...params, r: 0 }, 1, 1, 4, 39)).toThrow(/positive/);
    expect(() => expectedTransactions({ ...params, a: 1 }, 1, 1, 4, 39)).toThrow(/singular/);
  });
});

describe('fitBgNbd on degenerate input', () => {
  it('throws when there are no customers', () => {
    expect(() => fitBgNbd([])).toThrow(/no customers/);
  });

  it('throws when nobody made a repeat purchase', () => {
    const once: CustomerSummary[] = [{ x: 0, t_x: 0, T: 10 }, { x: 0, t_x: 0, T: 20 }];
    expect(() => fitBgNbd(once)).toThrow(/no customer has a repeat purchase/);
  });

  it('throws on an inconsistent summary, naming the customer', () => {
    expect(() => fitBgNbd([{ x: 1, t_x: 3, T: 10 }, { x: 0, t_x: 2, T: 5 }])).toThrow(/customer #1/);
  });

  it('reports converged = false rather than boundary values when the data have no finite maximum', () => {
    const result = fitBgNbd([{ x: 1, t_x: 1, T: 2 }]);
    expect(result.converged).toBe(false);
  });
});
