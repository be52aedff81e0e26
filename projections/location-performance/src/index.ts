export { locationPerformanceProjection } from './location-performance.projection';
export { locationPerformance, networkRanking, RANKING_METRICS, type Granularity, type LocationPerformance, type LocationPerformanceQuery, type NetworkRankingQuery, type NetworkRankingRow, type OtherCurrencySales, type PerformanceBucket, type RankingMetric } from './performance-query';
export type { PerformanceMetrics } from './metrics';
export type { LocationPerformanceViews } from './performance-tables';
