import { consentChannelSchema, idSchema, textSchema } from '@ledgerline/domain';
import { z } from 'zod';

// Path parameters, validated like bodies so a bad id is a 400 naming it.
export const customerPath = z.strictObject({ id: idSchema });
export const complaintPath = z.strictObject({ id: idSchema, complaintId: idSchema });
export const preferencePath = z.strictObject({ id: idSchema, key: textSchema(100) });
export const consentPath = z.strictObject({ id: idSchema, channel: consentChannelSchema });

export type CustomerPath = z.infer<typeof customerPath>;
export type ComplaintPath = z.infer<typeof complaintPath>;
export type PreferencePath = z.infer<typeof preferencePath>;
export type ConsentPath = z.infer<typeof consentPath>;
