import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { GiveConsentCommand } from './give-consent.command';

@CommandHandler(GiveConsentCommand)
export class GiveConsentHandler implements ICommandHandler<GiveConsentCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: GiveConsentCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'GiveConsent', ...payload }, envelope);
  }
}
