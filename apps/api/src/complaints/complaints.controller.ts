import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../command-pipeline/command-envelope';
import { Envelope } from '../command-pipeline/command-envelope.decorator';
import { CommandRoute } from '../command-pipeline/command-route.decorator';
import { customerAnswer } from '../command-pipeline/customer-answer';
import { complaintPath, customerPath, type ComplaintPath, type CustomerPath } from '../http/customer-paths';
import { ZodBody, ZodParams } from '../http/zod-input.decorators';
import {
  openComplaintBody,
  recordSatisfactionBody,
  reopenComplaintBody,
  resolveComplaintBody,
  type OpenComplaintBody,
  type RecordSatisfactionBody,
  type ReopenComplaintBody,
  type ResolveComplaintBody,
} from './complaint.schemas';
import { OpenComplaintCommand } from './open-complaint.command';
import { RecordSatisfactionCommand } from './record-satisfaction.command';
import { ReopenComplaintCommand } from './reopen-complaint.command';
import { ResolveComplaintCommand } from './resolve-complaint.command';

@Controller('v1/customers/:id')
export class ComplaintsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('complaints')
  @CommandRoute({ summary: 'Open a complaint', tag: 'complaints', idField: 'customerId' })
  async open(@ZodParams(customerPath) { id }: CustomerPath, @ZodBody(openComplaintBody) body: OpenComplaintBody, @Envelope() envelope: CommandEnvelope) {
    return customerAnswer(await this.commands.execute(new OpenComplaintCommand({ ...body, customerId: id }, envelope)));
  }

  @Post('complaints/:complaintId/resolution')
  @CommandRoute({ summary: 'Resolve an open complaint', tag: 'complaints', idField: 'customerId' })
  async resolve(
    @ZodParams(complaintPath) { id, complaintId }: ComplaintPath,
    @ZodBody(resolveComplaintBody) body: ResolveComplaintBody,
    @Envelope() envelope: CommandEnvelope,
  ) {
    return customerAnswer(await this.commands.execute(new ResolveComplaintCommand({ ...body, customerId: id, complaintId }, envelope)));
  }

  @Post('complaints/:complaintId/reopening')
  @CommandRoute({ summary: 'Reopen a resolved complaint', tag: 'complaints', idField: 'customerId' })
  async reopen(
    @ZodParams(complaintPath) { id, complaintId }: ComplaintPath,
    @ZodBody(reopenComplaintBody) body: ReopenComplaintBody,
    @Envelope() envelope: CommandEnvelope,
  ) {
    return customerAnswer(await this.commands.execute(new ReopenComplaintCommand({ ...body, customerId: id, complaintId }, envelope)));
  }

  @Post('satisfaction')
  @CommandRoute({ summary: 'Record a satisfaction (NPS) survey answer', tag: 'complaints', idField: 'customerId' })
  async recordSatisfaction(
    @ZodParams(customerPath) { id }: CustomerPath,
    @ZodBody(recordSatisfactionBody) body: RecordSatisfactionBody,
    @Envelope() envelope: CommandEnvelope,
  ) {
    return customerAnswer(await this.commands.execute(new RecordSatisfactionCommand({ ...body, customerId: id }, envelope)));
  }
}
