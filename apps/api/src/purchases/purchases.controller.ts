import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandEnvelope } from '../command-pipeline/command-envelope';
import { Envelope } from '../command-pipeline/command-envelope.decorator';
import { CommandRoute } from '../command-pipeline/command-route.decorator';
import { customerAnswer } from '../command-pipeline/customer-answer';
import { customerPath, type CustomerPath } from '../http/customer-paths';
import { ZodBody, ZodParams } from '../http/zod-input.decorators';
import { IssueRefundCommand } from './issue-refund.command';
import { issueRefundBody, recordPurchaseBody, type IssueRefundBody, type RecordPurchaseBody } from './purchase.schemas';
import { RecordPurchaseCommand } from './record-purchase.command';

@Controller('v1/customers/:id')
export class PurchasesController {
  constructor(private readonly commands: CommandBus) {}

  @Post('purchases')
  @CommandRoute({ summary: 'Record a purchase (money in minor units of the location currency)', tag: 'purchases', idField: 'customerId' })
  async recordPurchase(
    @ZodParams(customerPath) { id }: CustomerPath,
    @ZodBody(recordPurchaseBody) body: RecordPurchaseBody,
    @Envelope() envelope: CommandEnvelope,
  ) {
    return customerAnswer(await this.commands.execute(new RecordPurchaseCommand({ ...body, customerId: id }, envelope)));
  }

  @Post('refunds')
  @CommandRoute({ summary: 'Refund part or all of a purchase', tag: 'purchases', idField: 'customerId' })
  async issueRefund(@ZodParams(customerPath) { id }: CustomerPath, @ZodBody(issueRefundBody) body: IssueRefundBody, @Envelope() envelope: CommandEnvelope) {
    return customerAnswer(await this.commands.execute(new IssueRefundCommand({ ...body, customerId: id }, envelope)));
  }
}
