import { DomainRuleViolation, EntityAlreadyExists, EntityNotFound } from '../errors';
import type { LocationState } from '../location/location.state';
import { compact } from '../shared/compact';
import { occurredAtOf } from '../shared/occurred-at';
import { own } from '../shared/own';
import type { CustomerCommand, CustomerCommandOf } from './customer.commands';
import type { CustomerContext } from './customer.context';
import type { CustomerEvent } from './customer.events';
import type { CustomerState, IdKind } from './customer.state';

// The customer's business rules. Checks run in a fixed order: the customer exists, the locations
// it names exist, the new id is unused, then the rule specific to the command.

export function decideCustomer(command: CustomerCommand, state: CustomerState, context: CustomerContext): CustomerEvent[] {
  if (command.type === 'RegisterCustomer') return register(command, state, context);
  if (!state.registered) throw new EntityNotFound('customer', command.customerId);

  switch (command.type) {
    case 'ChangeContactDetails':
      return changeContactDetails(command, state, context);
    case 'GiveConsent':
      return state.consents[command.channel] ? [] : [{ type: 'ConsentGiven', data: { channel: command.channel, occurredAt: occurredAtOf(command, context) } }];
    case 'WithdrawConsent':
      return state.consents[command.channel]
        ? [{ type: 'ConsentWithdrawn', data: { channel: command.channel, occurredAt: occurredAtOf(command, context) } }]
        : [];
    case 'RecordPreference':
      return own(state.preferences, command.key) === command.value
        ? []
        : [{ type: 'PreferenceRecorded', data: { key: command.key, value: command.value, occurredAt: occurredAtOf(command, context) } }];
    case 'RemovePreference':
      if (own(state.preferences, command.key) === undefined) {
        throw new DomainRuleViolation('unknown-preference', `no preference "${command.key}" is recorded`);
      }
      return [{ type: 'PreferenceRemoved', data: { key: command.key, occurredAt: occurredAtOf(command, context) } }];
    case 'LogCall': {
      requireLocation(context, command.locationId);
      requireUnusedId(state, 'call', command.callId);
      const { callId, direction, locationId, agentId, durationSeconds, outcome, occurredAt, notes } = command;
      return [{ type: 'CallLogged', data: compact({ callId, direction, locationId, agentId, durationSeconds, outcome, occurredAt, notes }) }];
    }
    case 'LogEmail': {
      if (command.locationId !== undefined) requireLocation(context, command.locationId);
      requireUnusedId(state, 'email', command.emailId);
      const { emailId, direction, locationId, subject, campaign, occurredAt } = command;
      return [{ type: 'EmailLogged', data: compact({ emailId, direction, locationId, subject, campaign, occurredAt }) }];
    }
    case 'RecordPurchase':
      return recordPurchase(command, state, context);
    case 'IssueRefund':
      return issueRefund(command, state);
    case 'OpenComplaint': {
      requireLocation(context, command.locationId);
      requireUnusedId(state, 'complaint', command.complaintId);
      const { complaintId, category, severity, channel, locationId, occurredAt, description } = command;
      return [{ type: 'ComplaintOpened', data: compact({ complaintId, category, severity, channel, locationId, occurredAt, description }) }];
    }
    case 'ResolveComplaint':
      return resolveComplaint(command, state);
    case 'ReopenComplaint':
      return reopenComplaint(command, state);
    case 'RecordSatisfaction': {
      requireLocation(context, command.locationId);
      requireUnusedId(state, 'survey', command.surveyId);
      const { surveyId, score, locationId, occurredAt, comment } = command;
      return [{ type: 'SatisfactionRecorded', data: compact({ surveyId, score, locationId, occurredAt, comment }) }];
    }
  }
}

function register(command: CustomerCommandOf<'RegisterCustomer'>, state: CustomerState, context: CustomerContext): CustomerEvent[] {
  if (state.registered) throw new EntityAlreadyExists('customer', command.customerId);
  requireLocation(context, command.homeLocationId);
  const { customerId, name, email, phone, homeLocationId } = command;
  return [{ type: 'CustomerRegistered', data: compact({ customerId, name, email, phone, homeLocationId, occurredAt: occurredAtOf(command, context) }) }];
}

function changeContactDetails(command: CustomerCommandOf<'ChangeContactDetails'>, state: CustomerState, context: CustomerContext): CustomerEvent[] {
  const changed = compact({
    name: command.name !== undefined && command.name !== state.name ? command.name : undefined,
    email: command.email !== undefined && command.email !== state.email ? command.email : undefined,
    phone: command.phone !== undefined && command.phone !== state.phone ? command.phone : undefined,
  });
  return Object.keys(changed).length === 0 ? [] : [{ type: 'ContactDetailsChanged', data: { ...changed, occurredAt: occurredAtOf(command, context) } }];
}

function recordPurchase(command: CustomerCommandOf<'RecordPurchase'>, state: CustomerState, context: CustomerContext): CustomerEvent[] {
  const location = requireLocation(context, command.locationId);
  requireUnusedId(state, 'purchase', command.purchaseId);
  if (command.currency !== location.currency) {
    throw new DomainRuleViolation(
      'currency-mismatch',
      `purchase in ${command.currency} at location ${command.locationId}, which trades in ${location.currency}`,
    );
  }
  const { purchaseId, locationId, amountMinor, currency, occurredAt, lines } = command;
  return [{ type: 'PurchaseRecorded', data: compact({ purchaseId, locationId, amountMinor, currency, occurredAt, lines }) }];
}

function issueRefund(command: CustomerCommandOf<'IssueRefund'>, state: CustomerState): CustomerEvent[] {
  requireUnusedId(state, 'refund', command.refundId);
  const purchase = own(state.purchases, command.purchaseId);
  if (!purchase) throw new DomainRuleViolation('unknown-purchase', `no purchase ${command.purchaseId} for this customer`);
  const remaining = purchase.amountMinor - purchase.refundedMinor;
  if (command.amountMinor > remaining) {
    throw new DomainRuleViolation(
      'refund-exceeds-remaining',
      `refund of ${command.amountMinor} exceeds the ${remaining} ${purchase.currency} left of purchase ${command.purchaseId}`,
    );
  }
  const { refundId, purchaseId, amountMinor, occurredAt, reason } = command;
  const { locationId, currency } = purchase;
  return [{ type: 'RefundIssued', data: compact({ refundId, purchaseId, locationId, amountMinor, currency, occurredAt, reason }) }];
}

function resolveComplaint(command: CustomerCommandOf<'ResolveComplaint'>, state: CustomerState): CustomerEvent[] {
  const complaint = requireComplaint(state, command.complaintId);
  if (complaint.status !== 'open') throw new DomainRuleViolation('complaint-not-open', `complaint ${command.complaintId} is not open`);
  const { complaintId, resolution, resolvedOnFirstContact, occurredAt } = command;
  return [
    {
      type: 'ComplaintResolved',
      data: { complaintId, locationId: complaint.locationId, openedAt: complaint.openedAt, resolution, resolvedOnFirstContact, occurredAt },
    },
  ];
}

function reopenComplaint(command: CustomerCommandOf<'ReopenComplaint'>, state: CustomerState): CustomerEvent[] {
  const complaint = requireComplaint(state, command.complaintId);
  if (complaint.status !== 'resolved') {
    throw new DomainRuleViolation('complaint-not-resolved', `complaint ${command.complaintId} is still open`);
  }
  const { complaintId, reason, occurredAt } = command;
  return [{ type: 'ComplaintReopened', data: compact({ complaintId, locationId: complaint.locationId, reason, occurredAt }) }];
}

function requireLocation(context: CustomerContext, locationId: string): LocationState {
  const location = own(context.locations, locationId);
  if (!location?.registered) throw new EntityNotFound('location', locationId);
  return location;
}

function requireUnusedId(state: CustomerState, kind: IdKind, id: string): void {
  if (state.usedIds[kind].includes(id)) throw new DomainRuleViolation('duplicate-id', `${kind} id ${id} is already used for this customer`);
}

function requireComplaint(state: CustomerState, complaintId: string) {
  const complaint = own(state.complaints, complaintId);
  if (!complaint) throw new DomainRuleViolation('unknown-complaint', `no complaint ${complaintId} for this customer`);
  return complaint;
}
