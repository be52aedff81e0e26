import { createEventParser, type UpcasterTable } from '../upcasting';
import { LOCATION_EVENT_SCHEMA_VERSIONS, locationEventDataSchemas } from './location-event-schemas';
import type { LocationEvent, LocationEventDataByType, LocationEventType } from './location.events';

// No location event has an older version yet.
export const locationUpcasters: UpcasterTable<LocationEventType> = {};

const parse = createEventParser<LocationEventDataByType>({
  schemas: locationEventDataSchemas,
  versions: LOCATION_EVENT_SCHEMA_VERSIONS,
  upcasters: locationUpcasters,
});

/** Upcasts stored data to the current version and validates it; throws EventParseError otherwise. */
export const parseLocationEvent = (type: string, data: unknown, schemaVersion: number): LocationEvent =>
  parse(type, data, schemaVersion);
