import type { Projection } from '@ledgerline/read-models';
import { loadPurchaseDays, loadTimeZones, saveBatch } from './batch-store';
import { locateEvents, locationIdsOf, type LocatedPurchase } from './locate-events';
import { pairKey, planBatch } from './plan-batch';
import { locationPerformanceMigrations } from './performance-migrations';
import type { LocationPerformanceTables } from './performance-tables';
import { locationPerformanceViews } from './performance-views';

/**
 * Per location and local day: revenue net of refunds, purchases, new and repeat customers, calls,
 * emails, complaints, resolutions and NPS answers, for head office to compare the network.
 *
 * A batch costs three statements whatever its size: two reads of the state it needs (time zones, the
 * customers' purchase days) and one that writes every table with the batch's accumulated changes
 * (a fourth, rarely, drops link counts that fell to zero). The logic between them is pure (locateEvents,
 * planBatch). Counters are added, not recomputed, so the runtime's exactly-once batches keep them exact.
 */
export const locationPerformanceProjection: Projection<LocationPerformanceTables> = {
  name: 'location-performance',
  version: 2,
  migrations: locationPerformanceMigrations,
  views: locationPerformanceViews,
  async apply(events, tx) {
    const zones = await loadTimeZones(tx, [...locationIdsOf(events)]);
    const { facts, registrations } = locateEvents(events, zones);

    const purchases = facts.filter((fact): fact is LocatedPurchase => fact.kind === 'purchase');
    const pairs = new Map(purchases.map((p) => [pairKey(p.locationId, p.customerId), p]));
    const purchaseDays = await loadPurchaseDays(tx, [...pairs.values()]);

    await saveBatch(tx, [...registrations.values()], planBatch(facts, { purchaseDays }));
  },
};
