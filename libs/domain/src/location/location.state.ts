export interface LocationState {
  registered: boolean;
  locationId: string;
  name: string;
  region: string;
  /** ISO 4217; every purchase at this location is in it. */
  currency: string;
  /** IANA time zone, for per-day read models. */
  timezone?: string;
}

export const initialLocationState: LocationState = Object.freeze({ registered: false, locationId: '', name: '', region: '', currency: '' });
