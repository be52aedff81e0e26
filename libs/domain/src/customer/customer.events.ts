import type { ConsentChannel, Direction, PurchaseLine, Severity } from '../shared/schemas';

// The facts of a customer's stream. Each event's data carries `occurredAt` (from the command, or from
// `context.now` when the command has no time of its own) so projections never read a clock.
// Data only: ids, revisions and metadata (schema version, actor, correlation) belong to the event store.

export interface CustomerRegisteredData {
  customerId: string;
  name: string;
  email?: string;
  phone?: string;
  homeLocationId: string;
  occurredAt: string;
}

/** Only the fields that changed. */
export interface ContactDetailsChangedData {
  name?: string;
  email?: string;
  phone?: string;
  occurredAt: string;
}

export interface ConsentGivenData {
  channel: ConsentChannel;
  occurredAt: string;
}

export interface ConsentWithdrawnData {
  channel: ConsentChannel;
  occurredAt: string;
}

export interface PreferenceRecordedData {
  key: string;
  value: string;
  occurredAt: string;
}

export interface PreferenceRemovedData {
  key: string;
  occurredAt: string;
}

export interface CallLoggedData {
  callId: string;
  direction: Direction;
  locationId: string;
  agentId?: string;
  durationSeconds: number;
  outcome: string;
  occurredAt: string;
  notes?: string;
}

export interface EmailLoggedData {
  emailId: string;
  direction: Direction;
  locationId?: string;
  subject: string;
  campaign?: string;
  occurredAt: string;
}

export interface PurchaseRecordedData {
  purchaseId: string;
  locationId: string;
  amountMinor: number;
  currency: string;
  occurredAt: string;
  lines?: PurchaseLine[];
}

/** `locationId` and `currency` are the purchase's, copied so projections need no lookup. */
export interface RefundIssuedData {
  refundId: string;
  purchaseId: string;
  locationId: string;
  amountMinor: number;
  currency: string;
  occurredAt: string;
  reason?: string;
}

export interface ComplaintOpenedData {
  complaintId: string;
  category: string;
  severity: Severity;
  channel: string;
  locationId: string;
  occurredAt: string;
  description?: string;
}

/** `locationId` and `openedAt` are the complaint's, copied for resolution-time and per-location read models. */
export interface ComplaintResolvedData {
  complaintId: string;
  locationId: string;
  openedAt: string;
  resolution: string;
  resolvedOnFirstContact: boolean;
  occurredAt: string;
}

export interface ComplaintReopenedData {
  complaintId: string;
  locationId: string;
  reason?: string;
  occurredAt: string;
}

export interface SatisfactionRecordedData {
  surveyId: string;
  /** NPS answer, integer 0..10 (enforced by the event schema). */
  score: number;
  locationId: string;
  occurredAt: string;
  comment?: string;
}

export interface CustomerEventDataByType {
  CustomerRegistered: CustomerRegisteredData;
  ContactDetailsChanged: ContactDetailsChangedData;
  ConsentGiven: ConsentGivenData;
  ConsentWithdrawn: ConsentWithdrawnData;
  PreferenceRecorded: PreferenceRecordedData;
  PreferenceRemoved: PreferenceRemovedData;
  CallLogged: CallLoggedData;
  EmailLogged: EmailLoggedData;
  PurchaseRecorded: PurchaseRecordedData;
  RefundIssued: RefundIssuedData;
  ComplaintOpened: ComplaintOpenedData;
  ComplaintResolved: ComplaintResolvedData;
  ComplaintReopened: ComplaintReopenedData;
  SatisfactionRecorded: SatisfactionRecordedData;
}

export type CustomerEventType = keyof CustomerEventDataByType;

export type CustomerEvent = {
  [K in CustomerEventType]: { type: K; data: CustomerEventDataByType[K] };
}[CustomerEventType];

/** Narrows the union to one event type, e.g. `CustomerEventOf<'RefundIssued'>`. */
export type CustomerEventOf<K extends CustomerEventType> = Extract<CustomerEvent, { type: K }>;
