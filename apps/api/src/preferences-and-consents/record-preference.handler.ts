import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { RecordPreferenceCommand } from './record-preference.command';

@CommandHandler(RecordPreferenceCommand)
export class RecordPreferenceHandler implements ICommandHandler<RecordPreferenceCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: RecordPreferenceCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'RecordPreference', ...payload }, envelope);
  }
}
