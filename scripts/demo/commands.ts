// The HTTP requests the loader sends, one per command, built with the API's field names. Business
// times are ISO 8601 UTC; consents, preferences and contact details carry none (the API stamps them).

export interface DemoCommand {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body?: Readonly<Record<string, unknown>>;
  /** The command's name, for progress and error summaries. */
  readonly type: string;
  /** When it happened (epoch ms), to order a customer's commands; 0 for the undated ones. */
  readonly at: number;
}

type Fields = Record<string, unknown>;

const customer = (customerId: string) => `/v1/customers/${encodeURIComponent(customerId)}`;
const iso = (at: number) => new Date(Math.floor(at / 1000) * 1000).toISOString();
/** Leaves out the optional fields a draw did not set: the API's bodies are strict about unknown fields, not absent ones. */
const defined = (fields: Fields): Fields => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

const dated = (customerId: string, route: string, type: string, at: number, fields: Fields): DemoCommand => ({
  method: 'POST',
  path: `${customer(customerId)}/${route}`,
  body: defined({ ...fields, occurredAt: iso(at) }),
  type,
  at,
});

export const commands = {
  registerCustomer: (body: { customerId: string; name: string; email?: string; phone?: string; homeLocationId: string }): DemoCommand => ({
    method: 'POST',
    path: '/v1/customers',
    body: defined(body),
    type: 'RegisterCustomer',
    at: 0,
  }),
  changeContactDetails: (customerId: string, fields: { email?: string; phone?: string }): DemoCommand => ({
    method: 'PATCH',
    path: customer(customerId),
    body: defined(fields),
    type: 'ChangeContactDetails',
    at: 0,
  }),
  setConsent: (customerId: string, channel: 'email' | 'sms' | 'phone', granted: boolean): DemoCommand => ({
    method: 'PUT',
    path: `${customer(customerId)}/consents/${channel}`,
    body: { granted },
    type: granted ? 'GiveConsent' : 'WithdrawConsent',
    at: 0,
  }),
  recordPreference: (customerId: string, key: string, value: string): DemoCommand => ({
    method: 'PUT',
    path: `${customer(customerId)}/preferences/${encodeURIComponent(key)}`,
    body: { value },
    type: 'RecordPreference',
    at: 0,
  }),
  removePreference: (customerId: string, key: string): DemoCommand => ({
    method: 'DELETE',
    path: `${customer(customerId)}/preferences/${encodeURIComponent(key)}`,
    type: 'RemovePreference',
    at: 0,
  }),
  logCall: (customerId: string, at: number, call: { callId: string; direction: 'inbound' | 'outbound'; locationId: string; agentId: string; durationSeconds: number; outcome: string; notes?: string }) =>
    dated(customerId, 'calls', 'LogCall', at, call),
  logEmail: (customerId: string, at: number, email: { emailId: string; direction: 'inbound' | 'outbound'; locationId?: string; subject: string; campaign?: string }) =>
    dated(customerId, 'emails', 'LogEmail', at, email),
  recordPurchase: (
    customerId: string,
    at: number,
    purchase: { purchaseId: string; locationId: string; amountMinor: number; currency: string; lines: { sku: string; description: string; quantity: number; unitPriceMinor: number }[] },
  ) => dated(customerId, 'purchases', 'RecordPurchase', at, purchase),
  issueRefund: (customerId: string, at: number, refund: { refundId: string; purchaseId: string; amountMinor: number; reason: string }) =>
    dated(customerId, 'refunds', 'IssueRefund', at, refund),
  openComplaint: (
    customerId: string,
    at: number,
    complaint: { complaintId: string; category: string; severity: 'low' | 'medium' | 'high'; channel: string; locationId: string; description?: string },
  ) => dated(customerId, 'complaints', 'OpenComplaint', at, complaint),
  resolveComplaint: (customerId: string, complaintId: string, at: number, resolution: { resolution: string; resolvedOnFirstContact: boolean }) =>
    dated(customerId, `complaints/${encodeURIComponent(complaintId)}/resolution`, 'ResolveComplaint', at, resolution),
  reopenComplaint: (customerId: string, complaintId: string, at: number, reason: string) =>
    dated(customerId, `complaints/${encodeURIComponent(complaintId)}/reopening`, 'ReopenComplaint', at, { reason }),
  recordSatisfaction: (customerId: string, at: number, survey: { surveyId: string; score: number; locationId: string; comment?: string }) =>
    dated(customerId, 'satisfaction', 'RecordSatisfaction', at, survey),
};
