import { recordPreferenceSchema } from '@ledgerline/domain';
import { z } from 'zod';

export const recordPreferenceBody = z.strictObject({ value: recordPreferenceSchema.shape.value });
export type RecordPreferenceBody = z.infer<typeof recordPreferenceBody>;

export const consentBody = z.strictObject({ granted: z.boolean() });
export type ConsentBody = z.infer<typeof consentBody>;
