import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { ChangeContactDetailsCommand } from './change-contact-details.command';

@CommandHandler(ChangeContactDetailsCommand)
export class ChangeContactDetailsHandler implements ICommandHandler<ChangeContactDetailsCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: ChangeContactDetailsCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'ChangeContactDetails', ...payload }, envelope);
  }
}
