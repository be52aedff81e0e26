import { logGamma, logGammaRatio } from './log-gamma';

const sumOfLogs = (n: number): number => {
  let sum = 0;
  for (let k = 2; k <= n; k += 1) sum += Math.log(k);
  return sum;
};

const expectRelativelyClose = (actual: number, expected: number, tolerance: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
};

describe('logGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [3, Math.log(2)],
    [5, Math.log(24)],
    [10, Math.log(362_880)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [-0.5, Math.log(2 * Math.sqrt(Math.PI))],
  ])('ln Γ(%p) matches the closed form', (x, expected) => {
    expectRelativelyClose(logGamma(x), expected, 1e-14);
  });

  it('matches ln((n − 1)!) for large integers (Stirling regime)', () => {
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 12);
    expectRelativelyClose(logGamma(171), sumOfLogs(170), 1e-14);
    expectRelativelyClose(logGamma(1_000_000), sumOfLogs(999_999), 1e-12);
  });

  it('behaves like −ln x − γ_E·x near zero', () => {
    const eulerGamma = 0.5772156649015329;
    expectRelativelyClose(logGamma(1e-8), -Math.log(1e-8) - eulerGamma * 1e-8, 1e-14);
  });

  it('satisfies Γ(x + 1) = x Γ(x) across every regime, including the switch at 10', () => {
    for (let x = 0.01; x < 40; x *= 1.37) expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 12);
    expect(logGamma(10) - logGamma(9.999999999)).toBeCloseTo(0, 8);
  });

  it("satisfies Legendre's duplication formula", () => {
    for (let x = 0.05; x < 200; x *= 1.5) {
      const expected = (2 * x - 1) * Math.log(2) - 0.5 * Math.log(Math.PI) + logGamma(x) + logGamma(x + 0.5);
      expectRelativelyClose(logGamma(2 * x), expected, 1e-13);
    }
  });

  it('is +∞ at the poles and NaN for NaN', () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(Number.NaN)).toBeNaN();
  });
});

describe('logGammaRatio', () => {
  it('equals the plain difference of log-gammas for moderate arguments', () => {
    for (const [x, d] of [[0.3, 2], [4, 7], [12, 0.5], [25, 30], [11, -0.7]]) {
      expect(logGammaRatio(x, d)).toBeCloseTo(logGamma(x + d) - logGamma(x), 11);
    }
  });

  it('keeps full precision for huge x, where the plain difference cancels', () => {
    const x = 1e15;
    expectRelativelyClose(logGammaRatio(x, 3), Math.log(x) + Math.log(x + 1) + Math.log(x + 2), 1e-15);
    expectRelativelyClose(logGammaRatio(x, 2.5), 2.5 * Math.log(x) + (2.5 * 1.5) / (2 * x), 1e-15);
  });
});
