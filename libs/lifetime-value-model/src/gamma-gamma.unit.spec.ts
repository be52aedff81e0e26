import type { CustomerSummary } from './customer-summary';
import type { FitResult } from './fit-result';
import {
  conditionalExpectedAverageValue,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  populationMeanValue,
  type GammaGammaParams,
} from './gamma-gamma';
import { loadCdnowSummary, type CdnowCustomer } from './testing/cdnow';

// Fader & Hardie, "The Gamma-Gamma model of monetary value": the 946 CDNOW customers with x > 0.
const PUBLISHED: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

// Composite Simpson's rule on [0, 1] (n even).
const simpson = (f: (u: number) => number, n = 20_000): number => {
  let sum = f(0) + f(1);
  for (let i = 1; i < n; i += 1) sum += (i % 2 === 1 ? 4 : 2) * f(i / n);
  return sum / (3 * n);
};

describe('Gamma-Gamma on CDNOW (published results)', () => {
  let customers: CdnowCustomer[];
  let fit: FitResult<GammaGammaParams>;

  beforeAll(() => {
    customers = loadCdnowSummary();
    fit = fitGammaGamma(customers);
  });

  it('fits on the 946 customers with repeat purchases and converges', () => {
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
  });

  it('fits p, q, γ within one unit of the last published decimal of 6.25, 3.74, 15.44', () => {
    // p and q round to the published figures; γ comes out at 15.448 on these data (zbar rounded to cents),
    // 0.008 above the published 15.44, hence one unit rather than half a unit of tolerance.
    expect(Math.abs(fit.params.p - PUBLISHED.p)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.params.q - PUBLISHED.q)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.params.gamma - PUBLISHED.gamma)).toBeLessThanOrEqual(0.01);
  });

  it('is at least as likely as the published parameters', () => {
    const atPublished = gammaGammaLogLikelihood(PUBLISHED, customers);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(atPublished);
    expect(fit.logLikelihood - atPublished).toBeLessThan(0.01);
  });

  it('implies a population mean spend pγ/(q − 1) of about $35.2', () => {
    expect(populationMeanValue(PUBLISHED)).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    expect(populationMeanValue(PUBLISHED)).toBeCloseTo(35.22, 2);
    expect(Math.abs(populationMeanValue(fit.params) - 35.2)).toBeLessThan(0.05);
  });

  it('reaches the same optimum from poor starting points (falling back on its defaults when one stalls)', () => {
    for (const initial of [{ p: 0.1, q: 50, gamma: 1 }, { p: 100, q: 1.1, gamma: 0.1 }]) {
      const again = fitGammaGamma(customers, { initial });
      expect(again.converged).toBe(true);
      expect(again.logLikelihood).toBeCloseTo(fit.logLikelihood, 6);
    }
  });

  it('scales γ with the currency unit and leaves p and q alone', () => {
    const cents = fitGammaGamma(customers.map((c) => ({ ...c, zbar: c.zbar * 100 })));
    expect(cents.params.p / fit.params.p).toBeCloseTo(1, 5);
    expect(cents.params.q / fit.params.q).toBeCloseTo(1, 5);
    expect(cents.params.gamma / (100 * fit.params.gamma)).toBeCloseTo(1, 5);
  });
});

describe('Gamma-Gamma expressions', () => {
  const params = PUBLISHED;

  it.each([1, 3])('the density of zbar integrates to 1 (x = %p)', (x) => {
    // zbar = s·u/(1 − u) maps (0, ∞) onto (0, 1); the integrand vanishes at both ends for px > 1 and q > 1.
    const s = 30;
    const density = (u: number): number => {
      if (u === 0 || u === 1) return 0;
      const zbar = (s * u) / (1 - u);
      return Math.exp(gammaGammaLogLikelihood(params, [{ x, t_x: 1, T: 1, zbar }])) * (s / (1 - u) ** 2);
    };
    expect(simpson(density)).toBeCloseTo(1, 6);
  });

  it('with x = 0 expects the population mean', () => {
    expect(conditionalExpectedAverageValue(params, 0, 0)).toBe(populationMeanValue(params));
  });

  it('shrinks a customer’s own mean towards the population mean, less so the more they bought', () => {
    const { p, q } = params;
    const mean = populationMeanValue(params);
    for (const [x, zbar] of [[1, 10], [2, 22.35], [10, 80]]) {
      const weight = (p * x) / (p * x + q - 1);
      expect(conditionalExpectedAverageValue(params, x, zbar)).toBeCloseTo((1 - weight) * mean + weight * zbar, 10);
    }
    expect(conditionalExpectedAverageValue(params, 1000, 80)).toBeCloseTo(80, 0);
  });

  it('rejects a mean spend that is missing or not positive, and an infinite population mean', () => {
    expect(() => conditionalExpectedAverageValue(params, 2, 0)).toThrow(/zbar must be a positive amount/);
    expect(() => populationMeanValue({ ...params, q: 0.9 })).toThrow(/infinite for q ≤ 1/);
    expect(() => fitGammaGamma([{ x: 2, t_x: 3, T: 5 }])).toThrow(/customer #0: zbar/);
  });
});

describe('fitGammaGamma on degenerate input', () => {
  it('throws when there are no customers', () => {
    expect(() => fitGammaGamma([])).toThrow(/no customer has a repeat purchase/);
  });

  it('throws when nobody has a repeat purchase', () => {
    const once: CustomerSummary[] = [{ x: 0, t_x: 0, T: 10, zbar: 0 }, { x: 0, t_x: 0, T: 3 }];
    expect(() => fitGammaGamma(once)).toThrow(/no customer has a repeat purchase/);
  });

  it('reports converged = false when every spend is identical (the maximum lies at p → ∞)', () => {
    const same: CustomerSummary[] = [{ x: 1, t_x: 1, T: 2, zbar: 10 }, { x: 2, t_x: 1, T: 2, zbar: 10 }];
    expect(fitGammaGamma(same).converged).toBe(false);
  });
});
