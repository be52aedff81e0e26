import { z } from 'zod';
import {
  amountMinorSchema,
  consentChannelSchema,
  currencySchema,
  directionSchema,
  idSchema,
  isoUtcSchema,
  npsScoreSchema,
  purchaseLineSchema,
  severitySchema,
  textSchema,
} from '../shared/schemas';
import type { CustomerEventDataByType, CustomerEventType } from './customer.events';

// The current (latest-version) schema of each customer event's data. Changing a shape means bumping
// its version here and adding an upcaster from the previous version in customer-upcasters.ts.

export const CUSTOMER_EVENT_SCHEMA_VERSIONS: Record<CustomerEventType, number> = {
  CustomerRegistered: 1,
  ContactDetailsChanged: 1,
  ConsentGiven: 1,
  ConsentWithdrawn: 1,
  PreferenceRecorded: 1,
  PreferenceRemoved: 1,
  CallLogged: 1,
  EmailLogged: 1,
  PurchaseRecorded: 1,
  RefundIssued: 1,
  ComplaintOpened: 1,
  ComplaintResolved: 1,
  ComplaintReopened: 1,
  SatisfactionRecorded: 1,
};

// PII stays a bounded string here: formats are checked on the way in (command schemas), and a
// value the event store could not decrypt after crypto-shredding must still parse.
const personName = textSchema(200);
const email = textSchema(320);
const phone = textSchema(40);

export const customerEventDataSchemas: { [K in CustomerEventType]: z.ZodType<CustomerEventDataByType[K]> } = {
  CustomerRegistered: z.object({
    customerId: idSchema,
    name: personName,
    email: email.optional(),
    phone: phone.optional(),
    homeLocationId: idSchema,
    occurredAt: isoUtcSchema,
  }),
  ContactDetailsChanged: z
    .object({ name: personName.optional(), email: email.optional(), phone: phone.optional(), occurredAt: isoUtcSchema })
    .refine((d) => d.name !== undefined || d.email !== undefined || d.phone !== undefined, 'at least one of name, email, phone'),
  ConsentGiven: z.object({ channel: consentChannelSchema, occurredAt: isoUtcSchema }),
  ConsentWithdrawn: z.object({ channel: consentChannelSchema, occurredAt: isoUtcSchema }),
  PreferenceRecorded: z.object({ key: textSchema(100), value: textSchema(2000), occurredAt: isoUtcSchema }),
  PreferenceRemoved: z.object({ key: textSchema(100), occurredAt: isoUtcSchema }),
  CallLogged: z.object({
    callId: idSchema,
    direction: directionSchema,
    locationId: idSchema,
    agentId: idSchema.optional(),
    durationSeconds: z.int().min(0),
    outcome: textSchema(100),
    occurredAt: isoUtcSchema,
    notes: textSchema(10_000).optional(),
  }),
  EmailLogged: z.object({
    emailId: idSchema,
    direction: directionSchema,
    locationId: idSchema.optional(),
    subject: textSchema(500),
    campaign: textSchema(200).optional(),
    occurredAt: isoUtcSchema,
  }),
  PurchaseRecorded: z.object({
    purchaseId: idSchema,
    locationId: idSchema,
    amountMinor: amountMinorSchema,
    currency: currencySchema,
    occurredAt: isoUtcSchema,
    lines: z.array(purchaseLineSchema).optional(),
  }),
  RefundIssued: z.object({
    refundId: idSchema,
    purchaseId: idSchema,
    locationId: idSchema,
    amountMinor: amountMinorSchema.min(1),
    currency: currencySchema,
    occurredAt: isoUtcSchema,
    reason: textSchema(2000).optional(),
  }),
  ComplaintOpened: z.object({
    complaintId: idSchema,
    category: textSchema(100),
    severity: severitySchema,
    channel: textSchema(50),
    locationId: idSchema,
    occurredAt: isoUtcSchema,
    description: textSchema(10_000).optional(),
  }),
  ComplaintResolved: z.object({
    complaintId: idSchema,
    locationId: idSchema,
    openedAt: isoUtcSchema,
    resolution: textSchema(10_000),
    resolvedOnFirstContact: z.boolean(),
    occurredAt: isoUtcSchema,
  }),
  ComplaintReopened: z.object({
    complaintId: idSchema,
    locationId: idSchema,
    reason: textSchema(2000).optional(),
    occurredAt: isoUtcSchema,
  }),
  SatisfactionRecorded: z.object({
    surveyId: idSchema,
    score: npsScoreSchema,
    locationId: idSchema,
    occurredAt: isoUtcSchema,
    comment: textSchema(10_000).optional(),
  }),
};
