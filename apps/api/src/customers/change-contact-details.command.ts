import { Command } from '@nestjs/cqrs';
import type { CustomerCommandOf } from '@ledgerline/domain';
import type { CommandEnvelope, CommandResult } from '../command-pipeline/command-envelope';

export class ChangeContactDetailsCommand extends Command<CommandResult> {
  constructor(
    readonly payload: Omit<CustomerCommandOf<'ChangeContactDetails'>, 'type'>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}
