// A small, dependency-free Nelder–Mead simplex minimiser (Nelder & Mead 1965, with the usual coefficients:
// reflection 1, expansion 2, contraction ½, shrink ½). It needs no gradients, which suits likelihoods built
// from special functions, and with restarts it is robust on the 3–4 parameter fits in this library.
// Restarting from the best point with a fresh simplex guards against the method's known failure: a simplex
// that collapses onto a subspace and "converges" short of the minimum (McKinnon 1998).

export interface MinimizeOptions {
  /** Size of the initial simplex along each axis (same units as x). Default 0.5. */
  readonly initialStep?: number;
  /** Converged when every vertex is within xTolerance of the best one on each axis… Default 1e-8. */
  readonly xTolerance?: number;
  /** …and every vertex's value is within fTolerance (absolute, plus the same relative) of the best. Default 1e-12. */
  readonly fTolerance?: number;
  /** Iteration budget over all restarts. Default 20,000. */
  readonly maxIterations?: number;
  /** At most this many fresh simplexes built around the best point after the first run converges. Default 3. */
  readonly restarts?: number;
}

export interface MinimizeResult {
  readonly x: readonly number[];
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

interface Vertex {
  readonly x: number[];
  readonly value: number;
}

// NaN (outside the function's domain) counts as +∞, so the simplex simply moves away from it.
const evaluate = (f: (x: readonly number[]) => number, x: number[]): Vertex => {
  const value = f(x);
  return { x, value: Number.isNaN(value) ? Number.POSITIVE_INFINITY : value };
};

const along = (from: readonly number[], to: readonly number[], factor: number): number[] =>
  from.map((value, i) => value + factor * (to[i] - value));

interface RunResult {
  readonly best: Vertex;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

const run = (
  f: (x: readonly number[]) => number,
  start: readonly number[],
  step: number,
  xTolerance: number,
  fTolerance: number,
  maxIterations: number,
): RunResult => {
  const n = start.length;
  const simplex: Vertex[] = [evaluate(f, [...start])];
  for (let i = 0; i < n; i += 1) {
    const x = [...start];
    x[i] += step;
    simplex.push(evaluate(f, x));
  }
  let evaluations = n + 1;
  let iterations = 0;

  const hasConverged = (): boolean => {
    const best = simplex[0];
    const spreadOk = simplex.every((v) => Math.abs(v.value - best.value) <= fTolerance * (1 + Math.abs(best.value)));
    const sizeOk = simplex.every((v) => v.x.every((xi, i) => Math.abs(xi - best.x[i]) <= xTolerance));
    return Number.isFinite(best.value) && spreadOk && sizeOk;
  };

  for (;;) {
    simplex.sort((p, q) => p.value - q.value);
    if (hasConverged()) return { best: simplex[0], iterations, evaluations, converged: true };
    if (iterations >= maxIterations) return { best: simplex[0], iterations, evaluations, converged: false };
    iterations += 1;

    const best = simplex[0];
    const worst = simplex[n];
    const secondWorst = simplex[n - 1];
    const centroid = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j += 1) for (let i = 0; i < n; i += 1) centroid[i] += simplex[j].x[i] / n;

    const reflected = evaluate(f, along(centroid, worst.x, -1));
    evaluations += 1;
    if (reflected.value < best.value) {
      const expanded = evaluate(f, along(centroid, worst.x, -2));
      evaluations += 1;
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < secondWorst.value) {
      simplex[n] = reflected;
      continue;
    }
    // Contract towards the better of the worst point and its reflection (outside or inside contraction).
    const outside = reflected.value < worst.value;
    const contracted = evaluate(f, along(centroid, outside ? reflected.x : worst.x, 0.5));
    evaluations += 1;
    if (contracted.value < (outside ? reflected.value : worst.value)) {
      simplex[n] = contracted;
      continue;
    }
    for (let j = 1; j <= n; j += 1) simplex[j] = evaluate(f, along(best.x, simplex[j].x, 0.5));
    evaluations += n;
  }
};

/** Minimises f from x0 with Nelder–Mead, restarting around the best point until a restart no longer improves it. */
export const minimize = (
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult => {
  const step = options.initialStep ?? 0.5;
  const xTolerance = options.xTolerance ?? 1e-8;
  const fTolerance = options.fTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 20_000;
  const restarts = options.restarts ?? 3;
  if (x0.length === 0) throw new RangeError('minimize: x0 must have at least one coordinate');
  if (!x0.every(Number.isFinite)) throw new RangeError(`minimize: x0 must be finite (got [${x0.join(', ')}])`);

  let result = run(f, x0, step, xTolerance, fTolerance, maxIterations);
  let iterations = result.iterations;
  let evaluations = result.evaluations;
  // Converged only once a fresh simplex around the optimum finds nothing better (or no restarts were asked for).
  let confirmed = restarts === 0 && result.converged;
  for (let restart = 0; restart < restarts && result.converged && !confirmed; restart += 1) {
    const again = run(f, result.best.x, step, xTolerance, fTolerance, maxIterations - iterations);
    iterations += again.iterations;
    evaluations += again.evaluations;
    const improvement = result.best.value - again.best.value;
    if (again.best.value <= result.best.value) result = again;
    confirmed = again.converged && improvement <= fTolerance * (1 + Math.abs(result.best.value));
  }
  return {
    x: result.best.x,
    value: result.best.value,
    iterations,
    evaluations,
    converged: confirmed && Number.isFinite(result.best.value),
  };
};
