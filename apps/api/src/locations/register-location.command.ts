import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-pipeline/command-envelope';
import type { RegisterLocationBody } from './location.schemas';

export class RegisterLocationCommand extends Command<CommandResult> {
  constructor(
    readonly input: RegisterLocationBody,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}
