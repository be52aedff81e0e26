import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../command-pipeline/command-envelope';
import { Envelope } from '../command-pipeline/command-envelope.decorator';
import { CommandRoute } from '../command-pipeline/command-route.decorator';
import { customerAnswer } from '../command-pipeline/customer-answer';
import { customerPath, type CustomerPath } from '../http/customer-paths';
import { ZodBody, ZodParams } from '../http/zod-input.decorators';
import { logCallBody, logEmailBody, type LogCallBody, type LogEmailBody } from './interaction.schemas';
import { LogCallCommand } from './log-call.command';
import { LogEmailCommand } from './log-email.command';

@Controller('v1/customers/:id')
export class InteractionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('calls')
  @CommandRoute({ summary: 'Log a phone call with the customer', tag: 'interactions', idField: 'customerId' })
  async logCall(@ZodParams(customerPath) { id }: CustomerPath, @ZodBody(logCallBody) body: LogCallBody, @Envelope() envelope: CommandEnvelope) {
    return customerAnswer(await this.commands.execute(new LogCallCommand({ ...body, customerId: id }, envelope)));
  }

  @Post('emails')
  @CommandRoute({ summary: 'Log an email sent to or received from the customer', tag: 'interactions', idField: 'customerId' })
  async logEmail(@ZodParams(customerPath) { id }: CustomerPath, @ZodBody(logEmailBody) body: LogEmailBody, @Envelope() envelope: CommandEnvelope) {
    return customerAnswer(await this.commands.execute(new LogEmailCommand({ ...body, customerId: id }, envelope)));
  }
}
