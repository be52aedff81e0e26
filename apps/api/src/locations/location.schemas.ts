import { registerLocationSchema } from '@ledgerline/domain';
import { commandBody } from '../http/command-body';

export const registerLocationBody = commandBody(registerLocationSchema, ['type']);
export type RegisterLocationBody = ReturnType<typeof registerLocationBody.parse>;
