export { lifetimeValueProjection } from './lifetime-value.projection';
export { lifetimeValueChanges, type LifetimeValueChanges } from './lifetime-value-changes';
export type { LifetimeValueTables, LifetimeValueViews } from './lifetime-value.tables';
export {
  customerLifetimeValue,
  topCustomers,
  type CustomerLifetimeValue,
  type CustomerValue,
  type TopCustomer,
  type TopCustomersQuery,
} from './lifetime-value.queries';
export { quintileScores, rfmScores, rfmSegment, RFM_SEGMENTS, type RfmInput, type RfmScore, type RfmSegment, type Score } from './model/rfm';
export { scoreLifetimeValues, type AverageValueSource, type CurrencyFit, type CustomerScore, type FitStatus, type ModelOptions, type TransactionHistory } from './model/lifetime-value-scores';
export { refreshLifetimeValueModel, type RefreshOptions, type RefreshResult } from './model/refresh-lifetime-value-model';
export { ensureLifetimeValueScoreTables, type LifetimeValueScoreTables } from './model/score-tables';
