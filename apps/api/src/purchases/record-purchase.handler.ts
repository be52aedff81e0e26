import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { RecordPurchaseCommand } from './record-purchase.command';

@CommandHandler(RecordPurchaseCommand)
export class RecordPurchaseHandler implements ICommandHandler<RecordPurchaseCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: RecordPurchaseCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'RecordPurchase', ...payload }, envelope);
  }
}
