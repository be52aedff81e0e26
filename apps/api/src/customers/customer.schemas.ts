import { changeContactDetailsSchema, idSchema, registerCustomerSchema } from '@ledgerline/domain';
import { z } from 'zod';
import { commandBody } from '../http/command-body';

export const registerCustomerBody = commandBody(registerCustomerSchema, ['type', 'customerId']).extend({
  customerId: idSchema.optional().describe('Generated (a UUID) when absent'),
});
export type RegisterCustomerBody = z.infer<typeof registerCustomerBody>;

export const changeContactDetailsBody = commandBody(changeContactDetailsSchema, ['type', 'customerId']).refine(
  (body) => body.name !== undefined || body.email !== undefined || body.phone !== undefined,
  'give at least one of name, email, phone',
);
export type ChangeContactDetailsBody = z.infer<typeof changeContactDetailsBody>;

/** GET /v1/customers/:id: the folded state, as the domain defines it, plus its revision. */
export const customerViewSchema = z.looseObject({ customerId: z.string(), registered: z.boolean(), revision: z.int().min(0) });
