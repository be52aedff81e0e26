import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { ResolveComplaintCommand } from './resolve-complaint.command';

@CommandHandler(ResolveComplaintCommand)
export class ResolveComplaintHandler implements ICommandHandler<ResolveComplaintCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: ResolveComplaintCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'ResolveComplaint', ...payload }, envelope);
  }
}
