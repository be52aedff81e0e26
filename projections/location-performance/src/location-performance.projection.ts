import type { Projection } from '@ledgerline/read-models';
import { loadBatchState, saveBatch } from './batch-store';
import { currenciesAfter, currencyChanges } from './currency-changes';
import { locateEvents, locationIdsOf, purchasePairsOf } from './locate-events';
import { planBatch } from './plan-batch';
import { locationPerformanceMigrations } from './performance-migrations';
import type { LocationPerformanceTables } from './performance-tables';
import { locationPerformanceViews } from './performance-views';

/**
 * Per location and local day: revenue net of refunds, purchases, new and repeat customers, calls,
 * emails, complaints, resolutions and NPS answers, for head office to compare the network.
 *
 * A batch costs two statements whatever its size: one that reads the state it needs (time zones and
 * currencies, the customers' purchase days) and one that writes every table with the batch's
 * accumulated changes (rarely, one more drops link counts that fell to zero or moves sales when a
 * registration gives a location its currency, and one before it moves the sales of a replaced one). The logic between them is pure (locateEvents,
 * planBatch). Counters are added, not recomputed, so the runtime's exactly-once batches keep them exact.
 */
export const locationPerformanceProjection: Projection<LocationPerformanceTables> = {
  name: 'location-performance',
  version: 4,
  migrations: locationPerformanceMigrations,
  views: locationPerformanceViews,
  async apply(events, tx) {
    const { zones, currencies, purchaseDays } = await loadBatchState(tx, [...locationIdsOf(events)], purchasePairsOf(events));
    const { facts, registrations } = locateEvents(events, zones);
    const registered = [...registrations.values()];
    const plan = planBatch(facts, { purchaseDays }, currenciesAfter(currencies, registered));
    await saveBatch(tx, registered, plan, currencyChanges(currencies, registered));
  },
};
