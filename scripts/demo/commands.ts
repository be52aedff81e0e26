// The HTTP requests the loader sends, one per command, built with the API's field names. Every one
// carries its business time as occurredAt (ISO 8601 UTC; a DELETE in its query), so the history reads
// in the order it happened, not in the order it was loaded.

export interface DemoCommand {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly body?: Readonly<Record<string, unknown>>;
  /** The command's name, for progress and error summaries. */
  readonly type: string;
  /** When it happened (epoch ms), to order a customer's commands. */
  readonly at: number;
}

type Fields = Record<string, unknown>;

const customer = (customerId: string) => `/v1/customers/${encodeURIComponent(customerId)}`;
const iso = (at: number) => new Date(Math.floor(at / 1000) * 1000).toISOString();
/** Leaves out the optional fields a draw did not set: the API's bodies are strict about unknown fields, not absent ones. */
const defined = (fields: Fields): Fields => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

const withBody = (method: 'POST' | 'PUT' | 'PATCH', path: string, type: string, at: number, fields: Fields): DemoCommand => ({
  method,
  path,
  body: defined({ ...fields, occurredAt: iso(at) }),
  type,
  at,
});
const dated = (customerId: string, route: string, type: string, at: number, fields: Fields): DemoCommand =>
  withBody('POST', `${customer(customerId)}/${route}`, type, at, fields);
const preference = (customerId: string, key: string) => `${customer(customerId)}/preferences/${encodeURIComponent(key)}`;

export const commands = {
  registerLocation: (at: number, body: { locationId: string; name: string; region: string; currency: string; timezone: string }) =>
    withBody('POST', '/v1/locations', 'RegisterLocation', at, body),
  registerCustomer: (at: number, body: { customerId: string; name: string; email?: string; phone?: string; homeLocationId: string }) =>
    withBody('POST', '/v1/customers', 'RegisterCustomer', at, body),
  changeContactDetails: (customerId: string, at: number, fields: { email?: string; phone?: string }) =>
    withBody('PATCH', customer(customerId), 'ChangeContactDetails', at, fields),
  setConsent: (customerId: string, at: number, channel: 'email' | 'sms' | 'phone', granted: boolean) =>
    withBody('PUT', `${customer(customerId)}/consents/${channel}`, granted ? 'GiveConsent' : 'WithdrawConsent', at, { granted }),
  recordPreference: (customerId: string, at: number, key: string, value: string) => withBody('PUT', preference(customerId, key), 'RecordPreference', at, { value }),
  removePreference: (customerId: string, at: number, key: string): DemoCommand => ({
    method: 'DELETE',
    path: `${preference(customerId, key)}?occurredAt=${encodeURIComponent(iso(at))}`,
    type: 'RemovePreference',
    at,
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
