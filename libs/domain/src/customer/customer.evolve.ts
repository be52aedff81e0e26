import { own } from '../shared/own';
import { CustomerDraft } from './customer-draft';
import type { CustomerEvent } from './customer.events';
import type { CustomerState } from './customer.state';

// Folds events into the state without checking anything: events are facts that already happened.

/** Pure: returns a new state, sharing the branches the event does not touch. */
export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
  const draft = CustomerDraft.over(state);
  apply(draft, event);
  return draft.state;
}

/** Same result as reducing with evolveCustomer, in linear time; `from` is left unchanged. */
export function foldCustomer(events: Iterable<CustomerEvent>, from: CustomerState): CustomerState {
  const draft = CustomerDraft.owning(from);
  for (const event of events) apply(draft, event);
  return draft.state;
}

function apply(draft: CustomerDraft, event: CustomerEvent): void {
  const { state } = draft;
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, name, email, phone, homeLocationId, occurredAt } = event.data;
      Object.assign(state, { registered: true, customerId, name, homeLocationId, registeredAt: occurredAt });
      setOptional(state, 'email', email);
      setOptional(state, 'phone', phone);
      return;
    }
    case 'ContactDetailsChanged': {
      const { name, email, phone } = event.data;
      if (name !== undefined) state.name = name;
      if (email !== undefined) state.email = email;
      if (phone !== undefined) state.phone = phone;
      return;
    }
    case 'ConsentGiven':
      draft.consents[event.data.channel] = true;
      return;
    case 'ConsentWithdrawn':
      draft.consents[event.data.channel] = false;
      return;
    case 'PreferenceRecorded':
      define(draft.preferences, event.data.key, event.data.value);
      return;
    case 'PreferenceRemoved':
      delete draft.preferences[event.data.key];
      return;
    case 'CallLogged':
    case 'EmailLogged': {
      const isCall = event.type === 'CallLogged';
      draft.usedIds(isCall ? 'call' : 'email').push(isCall ? event.data.callId : event.data.emailId);
      const totals = draft.totals;
      if (isCall) totals.callCount += 1;
      else totals.emailCount += 1;
      totals.lastContactAt = latest(totals.lastContactAt, event.data.occurredAt);
      return;
    }
    case 'PurchaseRecorded': {
      const { purchaseId, locationId, currency, amountMinor, occurredAt } = event.data;
      draft.usedIds('purchase').push(purchaseId);
      define(draft.purchases, purchaseId, { locationId, currency, amountMinor, refundedMinor: 0, occurredAt });
      addTo(draft.netSpendMinor, currency, amountMinor);
      const totals = draft.totals;
      totals.purchaseCount += 1;
      totals.firstPurchaseAt = earliest(totals.firstPurchaseAt, occurredAt);
      totals.lastPurchaseAt = latest(totals.lastPurchaseAt, occurredAt);
      return;
    }
    case 'RefundIssued': {
      const { refundId, purchaseId, currency, amountMinor } = event.data;
      draft.usedIds('refund').push(refundId);
      const purchase = own(state.purchases, purchaseId);
      if (purchase) define(draft.purchases, purchaseId, { ...purchase, refundedMinor: purchase.refundedMinor + amountMinor });
      addTo(draft.netSpendMinor, currency, -amountMinor);
      draft.totals.refundCount += 1;
      return;
    }
    case 'ComplaintOpened': {
      const { complaintId, category, severity, locationId, occurredAt } = event.data;
      draft.usedIds('complaint').push(complaintId);
      define(draft.complaints, complaintId, { status: 'open', category, severity, locationId, openedAt: occurredAt, reopenCount: 0 });
      draft.totals.complaintCount += 1;
      draft.totals.openComplaintCount += 1;
      return;
    }
    case 'ComplaintResolved': {
      const complaint = own(state.complaints, event.data.complaintId);
      if (!complaint) return;
      define(draft.complaints, event.data.complaintId, { ...complaint, status: 'resolved', resolvedAt: event.data.occurredAt });
      draft.totals.openComplaintCount -= 1;
      return;
    }
    case 'ComplaintReopened': {
      const complaint = own(state.complaints, event.data.complaintId);
      if (!complaint) return;
      const { resolvedAt: _resolvedAt, ...reopened } = complaint;
      define(draft.complaints, event.data.complaintId, { ...reopened, status: 'open', reopenCount: complaint.reopenCount + 1 });
      draft.totals.openComplaintCount += 1;
      return;
    }
    case 'SatisfactionRecorded':
      draft.usedIds('survey').push(event.data.surveyId);
      draft.totals.surveyCount += 1;
      draft.totals.lastSatisfactionScore = event.data.score;
      return;
  }
}

// Caller-chosen keys ("__proto__" included) must become own data properties, never prototype writes.
const define = <V>(record: Record<string, V>, key: string, value: V): void => {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
};

const setOptional = (state: CustomerState, key: 'email' | 'phone', value: string | undefined): void => {
  if (value === undefined) delete state[key];
  else state[key] = value;
};

const addTo = (sums: Record<string, number>, key: string, amount: number): void => define(sums, key, (own(sums, key) ?? 0) + amount);

// Compared as instants: ISO strings with and without fractional seconds do not sort as text.
const latest = (current: string | undefined, candidate: string): string =>
  current !== undefined && Date.parse(current) >= Date.parse(candidate) ? current : candidate;
const earliest = (current: string | undefined, candidate: string): string =>
  current !== undefined && Date.parse(current) <= Date.parse(candidate) ? current : candidate;
