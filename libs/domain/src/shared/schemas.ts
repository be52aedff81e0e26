import { z } from 'zod';

// Building blocks shared by event and command schemas. Event schemas stay lenient on PII formats
// (a shredded or legacy value must still parse); command schemas add the strict formats.

export const idSchema = z.string().min(1).max(200);
export const textSchema = (max: number) => z.string().min(1).max(max);

/** ISO 8601 in UTC (`Z`), with optional fractional seconds. */
export const isoUtcSchema = z.iso.datetime();

/**
 * The business time of a command that may leave it out (a registration, a consent, a preference):
 * its events then take the time the command is decided. An import of history sends it.
 */
export const optionalOccurredAtSchema = isoUtcSchema
  .optional()
  .describe('When it happened (ISO 8601 UTC); when absent, the time the API decides the command');

/** ISO 4217 alphabetic code. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code of 3 upper-case letters');

const isIanaTimezone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};
export const timezoneSchema = z.string().min(1).max(64).refine(isIanaTimezone, 'expected an IANA time zone');

/** Money in minor units; integers only so sums never drift. */
export const amountMinorSchema = z.int().min(0);

export const directionSchema = z.enum(['inbound', 'outbound']);
export type Direction = z.infer<typeof directionSchema>;

export const consentChannelSchema = z.enum(['email', 'sms', 'phone']);
export type ConsentChannel = z.infer<typeof consentChannelSchema>;
export const CONSENT_CHANNELS: readonly ConsentChannel[] = consentChannelSchema.options;

export const severitySchema = z.enum(['low', 'medium', 'high']);
export type Severity = z.infer<typeof severitySchema>;

/** Net Promoter Score answer. */
export const npsScoreSchema = z.int().min(0).max(10);

export const purchaseLineSchema = z.object({
  sku: textSchema(100),
  description: textSchema(500).optional(),
  quantity: z.int().min(1),
  unitPriceMinor: amountMinorSchema,
});
export type PurchaseLine = z.infer<typeof purchaseLineSchema>;
