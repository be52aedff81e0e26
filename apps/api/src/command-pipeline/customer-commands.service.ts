import { Injectable } from '@nestjs/common';
import { locationIdsOf, type CustomerCommand, type LocationState } from '@ledgerline/domain';
import { customerAggregate, locationAggregate } from './aggregates';
import type { CommandEnvelope, CommandResult } from './command-envelope';
import { CommandRunner } from './command-runner';

/** Runs a customer command, loading the locations it names into the decision's context. */
@Injectable()
export class CustomerCommandsService {
  constructor(private readonly runner: CommandRunner) {}

  handle(command: CustomerCommand, envelope: CommandEnvelope): Promise<CommandResult> {
    return this.runner.run({
      aggregate: customerAggregate,
      id: command.customerId,
      command,
      envelope,
      contextOf: async (state, now) => {
        const ids = [...new Set(locationIdsOf(command, state))];
        // A registered location does not change (no event follows LocationRegistered yet), so a kept
        // state is as good as a read; revisit when locations gain events that matter to decisions.
        const loaded = await Promise.all(ids.map((id) => this.runner.load(locationAggregate, id, { fresh: false })));
        const locations: Record<string, LocationState | undefined> = {};
        ids.forEach((id, i) => (locations[id] = loaded[i].revision === undefined ? undefined : loaded[i].state));
        return { now, locations };
      },
    });
  }
}
