import type { CommandResult } from './command-envelope';

/** The body of a customer command's answer. */
export const customerAnswer = ({ id, revision, position }: CommandResult) => ({ customerId: id, revision, position });
