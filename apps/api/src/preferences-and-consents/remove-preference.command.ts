import { Command } from '@nestjs/cqrs';
import type { CustomerCommandOf } from '@ledgerline/domain';
import type { CommandEnvelope, CommandResult } from '../command-pipeline/command-envelope';

export class RemovePreferenceCommand extends Command<CommandResult> {
  constructor(
    readonly payload: Omit<CustomerCommandOf<'RemovePreference'>, 'type'>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}
