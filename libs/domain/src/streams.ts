// Stream names are part of the log's public shape: projections filter $all by these prefixes.
export const customerStreamId = (customerId: string) => `customer-${customerId}`;
export const locationStreamId = (locationId: string) => `location-${locationId}`;
