import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { LogCallCommand } from './log-call.command';

@CommandHandler(LogCallCommand)
export class LogCallHandler implements ICommandHandler<LogCallCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: LogCallCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'LogCall', ...payload }, envelope);
  }
}
