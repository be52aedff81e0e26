import { Command } from '@nestjs/cqrs';
import type { CustomerCommandOf } from '@ledgerline/domain';
import type { CommandEnvelope, CommandResult } from '../command-pipeline/command-envelope';

export class IssueRefundCommand extends Command<CommandResult> {
  constructor(
    readonly payload: Omit<CustomerCommandOf<'IssueRefund'>, 'type'>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}
