import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { ReopenComplaintCommand } from './reopen-complaint.command';

@CommandHandler(ReopenComplaintCommand)
export class ReopenComplaintHandler implements ICommandHandler<ReopenComplaintCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: ReopenComplaintCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'ReopenComplaint', ...payload }, envelope);
  }
}
