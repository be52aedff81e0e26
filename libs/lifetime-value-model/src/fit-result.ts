/** What every maximum-likelihood fit in this library returns. */
export interface FitResult<Params> {
  readonly params: Params;
  /** The maximised log-likelihood (of the whole sample). */
  readonly logLikelihood: number;
  /** Nelder–Mead iterations, over all restarts and starting points tried. */
  readonly iterations: number;
  /**
   * False when no starting point led to a settled maximum: the optimiser ran out of iterations, or a parameter ran
   * off beyond 1e±12 (the likelihood was still rising towards the edge of the parameter space, so the data have no
   * finite maximum). Do not use params then.
   */
  readonly converged: boolean;
  /** Customers the likelihood was computed over. */
  readonly customers: number;
}
