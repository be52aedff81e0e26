import type { Projection } from '@ledgerline/read-models';
import { customerProfileMigrations } from './customer-profile.migrations';
import { loadProfileRows, saveProfileRows } from './customer-profile.store';
import type { CustomerProfileTables } from './customer-profile.tables';
import { customerProfileViews } from './customer-profile.views';
import { applyProfileEvents, rowsToLoad } from './profile-state';

/**
 * What an agent sees when the phone rings: current contact details, consents, preferences, open
 * complaints, the last call or email, and a value tier from the customer's net revenue. A batch loads
 * the rows of its customers once, applies its events in memory in log order, and writes back the rows
 * it changed: a few statements per batch, however many events it holds.
 */
export const customerProfileProjection: Projection<CustomerProfileTables> = {
  name: 'customer-profile',
  version: 1,
  migrations: customerProfileMigrations,
  views: customerProfileViews,
  async apply(events, db) {
    const rows = await loadProfileRows(db, rowsToLoad(events));
    applyProfileEvents(rows, events);
    await saveProfileRows(db, rows);
  },
};
