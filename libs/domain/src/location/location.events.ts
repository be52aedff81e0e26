export interface LocationRegisteredData {
  locationId: string;
  name: string;
  region: string;
  currency: string;
  timezone?: string;
  occurredAt: string;
}

export interface LocationEventDataByType {
  LocationRegistered: LocationRegisteredData;
}

export type LocationEventType = keyof LocationEventDataByType;

export type LocationEvent = {
  [K in LocationEventType]: { type: K; data: LocationEventDataByType[K] };
}[LocationEventType];
