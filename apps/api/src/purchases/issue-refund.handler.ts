import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { IssueRefundCommand } from './issue-refund.command';

@CommandHandler(IssueRefundCommand)
export class IssueRefundHandler implements ICommandHandler<IssueRefundCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: IssueRefundCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'IssueRefund', ...payload }, envelope);
  }
}
