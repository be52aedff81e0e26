import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { CustomerCommandsService } from '../command-pipeline/customer-commands.service';
import { RegisterCustomerCommand } from './register-customer.command';

@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomerCommand> {
  constructor(private readonly customers: CustomerCommandsService) {}

  execute({ payload, envelope }: RegisterCustomerCommand): Promise<CommandResult> {
    return this.customers.handle({ type: 'RegisterCustomer', ...payload }, envelope);
  }
}
