import { deepFreeze } from '../shared/deep-freeze';
import type { ConsentChannel, Severity } from '../shared/schemas';

// What the customer's stream folds into: enough to decide every command, and what an agent sees
// when the phone rings (GET /v1/customers/:id serialises it as is, so only plain JSON values).

export interface PurchaseState {
  locationId: string;
  currency: string;
  amountMinor: number;
  refundedMinor: number;
  occurredAt: string;
}

export interface ComplaintState {
  status: 'open' | 'resolved';
  category: string;
  severity: Severity;
  locationId: string;
  openedAt: string;
  resolvedAt?: string;
  reopenCount: number;
}

export type IdKind = 'call' | 'email' | 'purchase' | 'refund' | 'complaint' | 'survey';

export interface CustomerTotals {
  purchaseCount: number;
  refundCount: number;
  callCount: number;
  emailCount: number;
  complaintCount: number;
  openComplaintCount: number;
  surveyCount: number;
  /** Purchases minus refunds, per currency, in minor units. */
  netSpendMinor: Record<string, number>;
  firstPurchaseAt?: string;
  lastPurchaseAt?: string;
  lastContactAt?: string;
  lastSatisfactionScore?: number;
}

export interface CustomerState {
  registered: boolean;
  customerId: string;
  name: string;
  email?: string;
  phone?: string;
  homeLocationId: string;
  registeredAt?: string;
  consents: Record<ConsentChannel, boolean>;
  preferences: Record<string, string>;
  purchases: Record<string, PurchaseState>;
  complaints: Record<string, ComplaintState>;
  /** Ids already taken within this customer, per kind of record. */
  usedIds: Record<IdKind, string[]>;
  totals: CustomerTotals;
}

// Frozen: shared by every fold, and nothing may write to it.
export const initialCustomerState: CustomerState = deepFreeze({
  registered: false,
  customerId: '',
  name: '',
  homeLocationId: '',
  consents: { email: false, sms: false, phone: false },
  preferences: {},
  purchases: {},
  complaints: {},
  usedIds: { call: [], email: [], purchase: [], refund: [], complaint: [], survey: [] },
  totals: {
    purchaseCount: 0,
    refundCount: 0,
    callCount: 0,
    emailCount: 0,
    complaintCount: 0,
    openComplaintCount: 0,
    surveyCount: 0,
    netSpendMinor: {},
  },
});
