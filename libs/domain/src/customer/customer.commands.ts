import { z } from 'zod';
import {
  amountMinorSchema,
  consentChannelSchema,
  currencySchema,
  directionSchema,
  idSchema,
  isoUtcSchema,
  npsScoreSchema,
  optionalOccurredAtSchema,
  purchaseLineSchema,
  severitySchema,
  textSchema,
} from '../shared/schemas';

// Commands on a customer, with schemas the edge can reuse to validate them (HTTP 400). The decider
// trusts their shape and enforces the rules that need state; it also checks each event it emits.
// Every command can carry its business time: the record-keeping ones (registration, contact details,
// consents, preferences) may leave it out and mean "now"; the others record a contact, a sale or a
// complaint that happened at a time of its own, and must give it.

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), customerId: idSchema, ...shape });

const personName = textSchema(200);
const email = z.email().max(320);
const phone = z.string().regex(/^\+?[0-9 ()./-]{3,40}$/, 'expected a phone number');

export const registerCustomerSchema = command('RegisterCustomer', {
  name: personName,
  email: email.optional(),
  phone: phone.optional(),
  homeLocationId: idSchema,
  occurredAt: optionalOccurredAtSchema,
});

export const changeContactDetailsSchema = command('ChangeContactDetails', {
  name: personName.optional(),
  email: email.optional(),
  phone: phone.optional(),
  occurredAt: optionalOccurredAtSchema,
}).refine((c) => c.name !== undefined || c.email !== undefined || c.phone !== undefined, 'at least one of name, email, phone');

export const giveConsentSchema = command('GiveConsent', { channel: consentChannelSchema, occurredAt: optionalOccurredAtSchema });
export const withdrawConsentSchema = command('WithdrawConsent', { channel: consentChannelSchema, occurredAt: optionalOccurredAtSchema });

export const recordPreferenceSchema = command('RecordPreference', { key: textSchema(100), value: textSchema(2000), occurredAt: optionalOccurredAtSchema });
export const removePreferenceSchema = command('RemovePreference', { key: textSchema(100), occurredAt: optionalOccurredAtSchema });

export const logCallSchema = command('LogCall', {
  callId: idSchema,
  direction: directionSchema,
  locationId: idSchema,
  agentId: idSchema.optional(),
  durationSeconds: z.int().min(0),
  outcome: textSchema(100),
  occurredAt: isoUtcSchema,
  notes: textSchema(10_000).optional(),
});

export const logEmailSchema = command('LogEmail', {
  emailId: idSchema,
  direction: directionSchema,
  locationId: idSchema.optional(),
  subject: textSchema(500),
  campaign: textSchema(200).optional(),
  occurredAt: isoUtcSchema,
});

export const recordPurchaseSchema = command('RecordPurchase', {
  purchaseId: idSchema,
  locationId: idSchema,
  amountMinor: amountMinorSchema,
  currency: currencySchema,
  occurredAt: isoUtcSchema,
  lines: z.array(purchaseLineSchema).optional(),
});

export const issueRefundSchema = command('IssueRefund', {
  refundId: idSchema,
  purchaseId: idSchema,
  amountMinor: amountMinorSchema.min(1),
  occurredAt: isoUtcSchema,
  reason: textSchema(2000).optional(),
});

export const openComplaintSchema = command('OpenComplaint', {
  complaintId: idSchema,
  category: textSchema(100),
  severity: severitySchema,
  channel: textSchema(50),
  locationId: idSchema,
  occurredAt: isoUtcSchema,
  description: textSchema(10_000).optional(),
});

export const resolveComplaintSchema = command('ResolveComplaint', {
  complaintId: idSchema,
  resolution: textSchema(10_000),
  resolvedOnFirstContact: z.boolean(),
  occurredAt: isoUtcSchema,
});

export const reopenComplaintSchema = command('ReopenComplaint', {
  complaintId: idSchema,
  reason: textSchema(2000).optional(),
  occurredAt: isoUtcSchema,
});

export const recordSatisfactionSchema = command('RecordSatisfaction', {
  surveyId: idSchema,
  score: npsScoreSchema,
  locationId: idSchema,
  occurredAt: isoUtcSchema,
  comment: textSchema(10_000).optional(),
});

/** Per command type, the schema of the whole command (including `type` and `customerId`). */
export const customerCommandSchemas = {
  RegisterCustomer: registerCustomerSchema,
  ChangeContactDetails: changeContactDetailsSchema,
  GiveConsent: giveConsentSchema,
  WithdrawConsent: withdrawConsentSchema,
  RecordPreference: recordPreferenceSchema,
  RemovePreference: removePreferenceSchema,
  LogCall: logCallSchema,
  LogEmail: logEmailSchema,
  RecordPurchase: recordPurchaseSchema,
  IssueRefund: issueRefundSchema,
  OpenComplaint: openComplaintSchema,
  ResolveComplaint: resolveComplaintSchema,
  ReopenComplaint: reopenComplaintSchema,
  RecordSatisfaction: recordSatisfactionSchema,
} as const;

export const customerCommandSchema = z.discriminatedUnion('type', Object.values(customerCommandSchemas) as [
  (typeof customerCommandSchemas)[keyof typeof customerCommandSchemas],
  ...(typeof customerCommandSchemas)[keyof typeof customerCommandSchemas][],
]);

export type CustomerCommandType = keyof typeof customerCommandSchemas;
export type CustomerCommand = { [K in CustomerCommandType]: z.infer<(typeof customerCommandSchemas)[K]> }[CustomerCommandType];
export type CustomerCommandOf<K extends CustomerCommandType> = Extract<CustomerCommand, { type: K }>;
