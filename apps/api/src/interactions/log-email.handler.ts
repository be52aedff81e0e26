import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { LogEmailCommand } from './log-email.command';

@CommandHandler(LogEmailCommand)
export class LogEmailHandler implements ICommandHandler<LogEmailCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: LogEmailCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'LogEmail', ...payload }, envelope);
  }
}
