import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { OpenComplaintCommand } from './open-complaint.command';

@CommandHandler(OpenComplaintCommand)
export class OpenComplaintHandler implements ICommandHandler<OpenComplaintCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: OpenComplaintCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'OpenComplaint', ...payload }, envelope);
  }
}
