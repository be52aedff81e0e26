export { logGamma, logGammaRatio } from './log-gamma';
export { hypergeometric2F1, type HypergeometricOptions } from './hypergeometric';
export { minimize, type MinimizeOptions, type MinimizeResult } from './nelder-mead';
export { assertValidSummary, type CustomerSummary } from './customer-summary';
export type { FitResult } from './fit-result';
export {
  bgNbdLogLikelihood,
  fitBgNbd,
  expectedTransactions,
  probabilityAlive,
  type BgNbdParams,
  type BgNbdFitOptions,
} from './bg-nbd';
export {
  gammaGammaLogLikelihood,
  fitGammaGamma,
  conditionalExpectedAverageValue,
  populationMeanValue,
  type GammaGammaParams,
  type GammaGammaFitOptions,
} from './gamma-gamma';
export { meanTransactionValue, type MeanTransactionValue, type MeanValueBasis } from './mean-transaction-value';
export { summarizePurchases, type Purchase, type PurchaseSummary, type TimeUnit } from './purchase-summary';
export { predictedLifetimeValue, type LifetimeValueInput } from './lifetime-value';
