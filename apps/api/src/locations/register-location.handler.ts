import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../command-pipeline/command-envelope';
import { LocationCommandsService } from '../command-pipeline/location-commands.service';
import { RegisterLocationCommand } from './register-location.command';

@CommandHandler(RegisterLocationCommand)
export class RegisterLocationHandler implements ICommandHandler<RegisterLocationCommand> {
  constructor(private readonly locations: LocationCommandsService) {}

  execute({ input, envelope }: RegisterLocationCommand): Promise<CommandResult> {
    return this.locations.handle({ type: 'RegisterLocation', ...input }, envelope);
  }
}
