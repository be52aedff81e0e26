export { customerProfileProjection } from './customer-profile.projection';
export { customerProfile, type CustomerProfile } from './customer-profile.queries';
export { applyProfileEvents, ProfileRows, rowsToLoad, type Complaint, type Profile } from './profile-state';
export { VALUE_TIER_THRESHOLDS, VALUE_TIERS, valueTierOf, type ValueTier } from './value-tiers';
export type { CustomerProfileTables, CustomerProfileViews } from './customer-profile.tables';
