import { minimize } from './nelder-mead';

describe('minimize (Nelder–Mead)', () => {
  it('finds the minimum of the Rosenbrock function from the classic start', () => {
    const rosenbrock = (v: readonly number[]): number => 100 * (v[1] - v[0] ** 2) ** 2 + (1 - v[0]) ** 2;
    const result = minimize(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  it('handles a badly scaled six-dimensional quadratic', () => {
    const quadratic = (v: readonly number[]): number => v.reduce((sum, vi, i) => sum + 10 ** i * (vi - i) ** 2, 0);
    const result = minimize(quadratic, [5, 5, 5, 5, 5, 5]);
    expect(result.converged).toBe(true);
    result.x.forEach((xi, i) => expect(xi).toBeCloseTo(i, 5));
  });

  it("minimises McKinnon's function, whose curvature jumps across x = 0", () => {
    // McKinnon (1998), τ = 2, θ = 6, φ = 60, from his starting vertex; the minimum is at (0, −½).
    const mckinnon = ([x, y]: readonly number[]): number => (x <= 0 ? 360 * x * x : 6 * x * x) + y + y * y;
    const start = [(1 + Math.sqrt(33)) / 8, (1 - Math.sqrt(33)) / 8];
    const result = minimize(mckinnon, start, { initialStep: 0.1 });
    expect(result.x[0]).toBeCloseTo(0, 6);
    expect(result.x[1]).toBeCloseTo(-0.5, 6);
  });

  it('treats NaN as +∞, so it stays inside the domain', () => {
    const result = minimize(([x]) => (x < 0 ? Number.NaN : (x - 2) ** 2), [0.5]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(2, 6);
  });

  it('reports converged = false when the iteration budget runs out', () => {
    const result = minimize(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], { maxIterations: 10 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBeLessThanOrEqual(10);
  });

  it('rejects an empty or non-finite start', () => {
    expect(() => minimize(() => 0, [])).toThrow(RangeError);
    expect(() => minimize(() => 0, [Number.NaN])).toThrow(RangeError);
  });
});
