import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { WithdrawConsentCommand } from './withdraw-consent.command';

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: WithdrawConsentCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'WithdrawConsent', ...payload }, envelope);
  }
}
