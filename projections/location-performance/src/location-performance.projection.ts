import type { Projection } from '@ledgerline/read-models';
import { loadBatchState, saveBatch } from './batch-store';
import { locateEvents, locationIdsOf, purchasePairsOf } from './locate-events';
import { planBatch } from './plan-batch';
import { locationPerformanceMigrations } from './performance-migrations';
import type { LocationPerformanceTables } from './performance-tables';
import { locationPerformanceViews } from './performance-views';

/**
 * Per location and local day: revenue net of refunds, purchases, new and repeat customers, calls,
 * emails, complaints, resolutions and NPS answers, for head office to compare the network.
 *
 * A batch costs two statements whatever its size: one that reads the state it needs (time zones, the
 * customers' purchase days) and one that writes every table with the batch's accumulated changes
 * (a third, rarely, drops link counts that fell to zero). The logic between them is pure (locateEvents,
 * planBatch). Counters are added, not recomputed, so the runtime's exactly-once batches keep them exact.
 */
export const locationPerformanceProjection: Projection<LocationPerformanceTables> = {
  name: 'location-performance',
  version: 3,
  migrations: locationPerformanceMigrations,
  views: locationPerformanceViews,
  async apply(events, tx) {
    const { zones, purchaseDays } = await loadBatchState(tx, [...locationIdsOf(events)], purchasePairsOf(events));
    const { facts, registrations } = locateEvents(events, zones);
    await saveBatch(tx, [...registrations.values()], planBatch(facts, { purchaseDays }));
  },
};
