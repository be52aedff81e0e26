import { z } from 'zod';
import { currencySchema, idSchema, optionalOccurredAtSchema, textSchema, timezoneSchema } from '../shared/schemas';

export const registerLocationSchema = z.object({
  type: z.literal('RegisterLocation'),
  locationId: idSchema,
  name: textSchema(200),
  region: textSchema(100),
  currency: currencySchema,
  timezone: timezoneSchema.optional(),
  occurredAt: optionalOccurredAtSchema,
});

export const locationCommandSchema = registerLocationSchema;

export type LocationCommand = z.infer<typeof registerLocationSchema>;
