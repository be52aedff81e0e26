import { z } from 'zod';
import { currencySchema, idSchema, isoUtcSchema, textSchema, timezoneSchema } from '../shared/schemas';
import type { LocationEventDataByType, LocationEventType } from './location.events';

// Current schema of each location event's data; bump the version and add an upcaster to change one.
export const LOCATION_EVENT_SCHEMA_VERSIONS: Record<LocationEventType, number> = {
  LocationRegistered: 1,
};

export const locationEventDataSchemas: { [K in LocationEventType]: z.ZodType<LocationEventDataByType[K]> } = {
  LocationRegistered: z.object({
    locationId: idSchema,
    name: textSchema(200),
    region: textSchema(100),
    currency: currencySchema,
    timezone: timezoneSchema.optional(),
    occurredAt: isoUtcSchema,
  }),
};
