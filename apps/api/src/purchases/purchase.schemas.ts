import { issueRefundSchema, purchaseLineSchema, recordPurchaseSchema } from '@ledgerline/domain';
import { z } from 'zod';
import { commandBody } from '../http/command-body';

export const recordPurchaseBody = commandBody(recordPurchaseSchema, ['type', 'customerId']).extend({
  lines: z.array(z.strictObject(purchaseLineSchema.shape)).max(500).optional(),
});
export type RecordPurchaseBody = z.infer<typeof recordPurchaseBody>;

export const issueRefundBody = commandBody(issueRefundSchema, ['type', 'customerId']);
export type IssueRefundBody = z.infer<typeof issueRefundBody>;
