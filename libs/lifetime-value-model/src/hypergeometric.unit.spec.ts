import { hypergeometric2F1 } from './hypergeometric';

describe('hypergeometric2F1', () => {
  it.each([-5, -0.9, -0.3, 0.1, 0.5, 0.9, 0.99])('2F1(1, 1; 2; z) = −ln(1 − z)/z at z = %p', (z) => {
    expect(hypergeometric2F1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
  });

  it.each([-0.8, 0.2, 0.7, 0.95])('2F1(a, b; b; z) = (1 − z)^(−a) at z = %p', (z) => {
    expect(hypergeometric2F1(0.7, 2.3, 2.3, z) / Math.pow(1 - z, -0.7)).toBeCloseTo(1, 12);
  });

  it.each([0.2, 0.7, 0.95])('2F1(½, ½; 3/2; x²) = arcsin(x)/x and 2F1(½, 1; 3/2; −x²) = arctan(x)/x at x = %p', (x) => {
    expect(hypergeometric2F1(0.5, 0.5, 1.5, x * x)).toBeCloseTo(Math.asin(x) / x, 12);
    expect(hypergeometric2F1(0.5, 1, 1.5, -x * x)).toBeCloseTo(Math.atan(x) / x, 12);
  });

  it('is the polynomial it terminates to when a is a non-positive integer, for any z', () => {
    const poly = (b: number, c: number, z: number): number => 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1));
    for (const z of [-7, -0.5, 0.3, 0.999]) expect(hypergeometric2F1(-2, 3, 4, z)).toBeCloseTo(poly(3, 4, z), 12);
  });

  it('converges close to z = 1 where terms decay slowly', () => {
    expect(hypergeometric2F1(1, 1, 2, 0.9999)).toBeCloseTo(-Math.log(1e-4) / 0.9999, 9);
  });

  it('is 1 at z = 0', () => {
    expect(hypergeometric2F1(3.2, 1.1, 0.4, 0)).toBe(1);
  });

  it('refuses z ≥ 1, non-positive integer c and series that do not converge in budget', () => {
    expect(() => hypergeometric2F1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hypergeometric2F1(1, 1, -2, 0.5)).toThrow(/non-positive integer/);
    expect(() => hypergeometric2F1(1, 1, 2, 0.999, { maxTerms: 100 })).toThrow(/did not converge/);
  });
});
