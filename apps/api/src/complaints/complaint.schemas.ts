import { openComplaintSchema, recordSatisfactionSchema, reopenComplaintSchema, resolveComplaintSchema } from '@ledgerline/domain';
import { z } from 'zod';
import { commandBody } from '../http/command-body';

export const openComplaintBody = commandBody(openComplaintSchema, ['type', 'customerId']);
export type OpenComplaintBody = z.infer<typeof openComplaintBody>;

export const resolveComplaintBody = commandBody(resolveComplaintSchema, ['type', 'customerId', 'complaintId']);
export type ResolveComplaintBody = z.infer<typeof resolveComplaintBody>;

export const reopenComplaintBody = commandBody(reopenComplaintSchema, ['type', 'customerId', 'complaintId']);
export type ReopenComplaintBody = z.infer<typeof reopenComplaintBody>;

export const recordSatisfactionBody = commandBody(recordSatisfactionSchema, ['type', 'customerId']);
export type RecordSatisfactionBody = z.infer<typeof recordSatisfactionBody>;
