import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../command-pipeline/command-envelope';
import { Envelope } from '../command-pipeline/command-envelope.decorator';
import { CommandRoute } from '../command-pipeline/command-route.decorator';
import { ZodBody } from '../http/zod-input.decorators';
import { registerLocationBody, type RegisterLocationBody } from './location.schemas';
import { RegisterLocationCommand } from './register-location.command';

@Controller('v1/locations')
export class LocationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @CommandRoute({ summary: 'Register a location (store, branch) customers can be served at', tag: 'locations', idField: 'locationId', created: true })
  async register(@ZodBody(registerLocationBody) body: RegisterLocationBody, @Envelope() envelope: CommandEnvelope) {
    const { id, revision, position } = await this.commands.execute(new RegisterLocationCommand(body, envelope));
    return { locationId: id, revision, position };
  }
}
