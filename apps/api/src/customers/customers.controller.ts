import { Controller, Get, Patch, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { deterministicEventId } from '@ledgerline/event-store';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '../command-pipeline/command-envelope';
import { customerAnswer } from '../command-pipeline/customer-answer';
import { Envelope } from '../command-pipeline/command-envelope.decorator';
import { CommandRoute } from '../command-pipeline/command-route.decorator';
import { customerPath, type CustomerPath } from '../http/customer-paths';
import { Operation } from '../http/operation.decorator';
import { ZodBody, ZodParams } from '../http/zod-input.decorators';
import { ChangeContactDetailsCommand } from './change-contact-details.command';
import {
  changeContactDetailsBody,
  customerViewSchema,
  registerCustomerBody,
  type ChangeContactDetailsBody,
  type RegisterCustomerBody,
} from './customer.schemas';
import { CustomerView, GetCustomerQuery } from './get-customer.query';
import { RegisterCustomerCommand } from './register-customer.command';

@Controller('v1/customers')
export class CustomersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CommandRoute({ summary: 'Register a customer at their home location', tag: 'customers', idField: 'customerId', created: true })
  async register(@ZodBody(registerCustomerBody) body: RegisterCustomerBody, @Envelope() envelope: CommandEnvelope) {
    // Derived from the Idempotency-Key when there is one, so a retry names the same customer.
    const customerId =
      body.customerId ?? (envelope.idempotencyKey === undefined ? randomUUID() : deterministicEventId('customer-id', envelope.idempotencyKey, 0));
    return customerAnswer(await this.commands.execute(new RegisterCustomerCommand({ ...body, customerId }, envelope)));
  }

  @Patch(':id')
  @CommandRoute({ summary: "Change a customer's name, email or phone", tag: 'customers', idField: 'customerId' })
  async changeContactDetails(
    @ZodParams(customerPath) { id }: CustomerPath,
    @ZodBody(changeContactDetailsBody) body: ChangeContactDetailsBody,
    @Envelope() envelope: CommandEnvelope,
  ) {
    return customerAnswer(await this.commands.execute(new ChangeContactDetailsCommand({ ...body, customerId: id }, envelope)));
  }

  @Get(':id')
  @Operation({
    summary: "A customer's current state, folded from their stream",
    tags: ['customers'],
    responses: { 200: { description: 'The customer; ETag is the revision', schema: customerViewSchema } },
  })
  async get(@ZodParams(customerPath) { id }: CustomerPath, @Res({ passthrough: true }) res: Response): Promise<CustomerView> {
    const view = await this.queries.execute(new GetCustomerQuery(id));
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
