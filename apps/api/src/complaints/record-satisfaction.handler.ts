import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { RecordSatisfactionCommand } from './record-satisfaction.command';

@CommandHandler(RecordSatisfactionCommand)
export class RecordSatisfactionHandler implements ICommandHandler<RecordSatisfactionCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: RecordSatisfactionCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'RecordSatisfaction', ...payload }, envelope);
  }
}
