import { Injectable } from '@nestjs/common';
import type { LocationCommand } from '@ledgerline/domain';
import { locationAggregate } from './aggregates';
import type { CommandEnvelope, CommandResult } from './command-envelope';
import { CommandRunner } from './command-runner';

@Injectable()
export class LocationCommandsService {
  constructor(private readonly runner: CommandRunner) {}

  handle(command: LocationCommand, envelope: CommandEnvelope): Promise<CommandResult> {
    return this.runner.run({ aggregate: locationAggregate, id: command.locationId, command, envelope, contextOf: async (_, now) => ({ now }) });
  }
}
