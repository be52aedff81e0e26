import { logCallSchema, logEmailSchema } from '@ledgerline/domain';
import { z } from 'zod';
import { commandBody } from '../http/command-body';

export const logCallBody = commandBody(logCallSchema, ['type', 'customerId']);
export type LogCallBody = z.infer<typeof logCallBody>;

export const logEmailBody = commandBody(logEmailSchema, ['type', 'customerId']);
export type LogEmailBody = z.infer<typeof logEmailBody>;
