import { optionalOccurredAtSchema, recordPreferenceSchema, removePreferenceSchema } from '@ledgerline/domain';
import { z } from 'zod';
import { commandBody } from '../http/command-body';

export const recordPreferenceBody = commandBody(recordPreferenceSchema, ['type', 'customerId', 'key']);
export type RecordPreferenceBody = z.infer<typeof recordPreferenceBody>;

/** A DELETE has no body, so its business time comes in the query string: `?occurredAt=...`. */
export const removePreferenceQuery = commandBody(removePreferenceSchema, ['type', 'customerId', 'key']);
export type RemovePreferenceQuery = z.infer<typeof removePreferenceQuery>;

/** One route for giving and withdrawing, so one body: `granted` picks the command. */
export const consentBody = z.strictObject({ granted: z.boolean(), occurredAt: optionalOccurredAtSchema });
export type ConsentBody = z.infer<typeof consentBody>;
