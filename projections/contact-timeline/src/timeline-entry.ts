import type { ProjectedCustomerEvent, ProjectedEvent } from '@ledgerline/read-models';

/** One line of a customer's contact timeline. */
export interface TimelineEntry {
  readonly customerId: string;
  readonly eventId: string;
  readonly type: ProjectedCustomerEvent['type'];
  readonly occurredAt: string;
  readonly locationId: string | null;
  /** call, email, purchase, refund, complaint, satisfaction, preference, consent, profile */
  readonly channel: string;
  readonly summary: string;
  readonly data: unknown;
}

const money = (amountMinor: number, currency: string) => `${(amountMinor / 100).toFixed(2)} ${currency}`;

/** The timeline line of an event, or undefined for events that are not about a customer. Pure. */
export function timelineEntryOf(event: ProjectedEvent): TimelineEntry | undefined {
  if (!('customerId' in event)) return undefined;
  const described = describe(event);
  return {
    customerId: event.customerId,
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.data.occurredAt,
    locationId: described.locationId ?? null,
    channel: described.channel,
    summary: described.summary,
    data: event.data,
  };
}

function describe(event: ProjectedCustomerEvent): { channel: string; summary: string; locationId?: string } {
  switch (event.type) {
    case 'CustomerRegistered':
      return { channel: 'profile', summary: 'Registered as a customer', locationId: event.data.homeLocationId };
    case 'ContactDetailsChanged': {
      const fields = (['name', 'email', 'phone'] as const).filter((field) => event.data[field] !== undefined);
      return { channel: 'profile', summary: `Changed contact details: ${fields.join(', ')}` };
    }
    case 'ConsentGiven':
      return { channel: 'consent', summary: `Consented to ${event.data.channel} contact` };
    case 'ConsentWithdrawn':
      return { channel: 'consent', summary: `Withdrew consent to ${event.data.channel} contact` };
    case 'PreferenceRecorded':
      return { channel: 'preference', summary: `Preference "${event.data.key}": ${event.data.value}` };
    case 'PreferenceRemoved':
      return { channel: 'preference', summary: `Removed preference "${event.data.key}"` };
    case 'CallLogged':
      return {
        channel: 'call',
        summary: `${event.data.direction === 'inbound' ? 'Inbound' : 'Outbound'} call, ${Math.round(event.data.durationSeconds / 60)} min: ${event.data.outcome}`,
        locationId: event.data.locationId,
      };
    case 'EmailLogged':
      return {
        channel: 'email',
        summary: `${event.data.direction === 'inbound' ? 'Email received' : 'Email sent'}: ${event.data.subject}`,
        ...(event.data.locationId !== undefined && { locationId: event.data.locationId }),
      };
    case 'PurchaseRecorded':
      return { channel: 'purchase', summary: `Purchase ${event.data.purchaseId}: ${money(event.data.amountMinor, event.data.currency)}`, locationId: event.data.locationId };
    case 'RefundIssued':
      return {
        channel: 'refund',
        summary: `Refund of ${money(event.data.amountMinor, event.data.currency)} on purchase ${event.data.purchaseId}`,
        locationId: event.data.locationId,
      };
    case 'ComplaintOpened':
      return { channel: 'complaint', summary: `Complaint opened (${event.data.severity}, ${event.data.category}) by ${event.data.channel}`, locationId: event.data.locationId };
    case 'ComplaintResolved':
      return {
        channel: 'complaint',
        summary: `Complaint resolved${event.data.resolvedOnFirstContact ? ' on first contact' : ''}: ${event.data.resolution}`,
        locationId: event.data.locationId,
      };
    case 'ComplaintReopened':
      return { channel: 'complaint', summary: `Complaint reopened${event.data.reason ? `: ${event.data.reason}` : ''}`, locationId: event.data.locationId };
    case 'SatisfactionRecorded':
      return { channel: 'satisfaction', summary: `Satisfaction score ${event.data.score}/10`, locationId: event.data.locationId };
  }
}
