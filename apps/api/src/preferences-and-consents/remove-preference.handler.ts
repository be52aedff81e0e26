import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { RemovePreferenceCommand } from './remove-preference.command';

@CommandHandler(RemovePreferenceCommand)
export class RemovePreferenceHandler implements ICommandHandler<RemovePreferenceCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: RemovePreferenceCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'RemovePreference', ...payload }, envelope);
  }
}
