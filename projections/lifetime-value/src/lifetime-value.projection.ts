import type { Projection } from '@ledgerline/read-models';
import { lifetimeValueChanges } from './lifetime-value-changes';
import { lifetimeValueMigrations } from './lifetime-value.migrations';
import { writeLifetimeValueChanges } from './lifetime-value.store';
import type { LifetimeValueTables } from './lifetime-value.tables';
import { lifetimeValueViews } from './lifetime-value.views';

/**
 * Historical value per customer (net revenue, orders, first and last purchase, per currency and per
 * location) and the purchase days the BG/NBD and Gamma-Gamma models are fitted on. Scores that depend
 * on the whole population and on an as-of date (RFM, predictions) are not rows of this projection: see
 * refreshLifetimeValueModel.
 */
export const lifetimeValueProjection: Projection<LifetimeValueTables> = {
  name: 'lifetime-value',
  version: 2,
  migrations: lifetimeValueMigrations,
  views: lifetimeValueViews,
  async apply(events, db) {
    await writeLifetimeValueChanges(db, lifetimeValueChanges(events));
  },
};
