import { Module } from '@nestjs/common';
import { IssueRefundHandler } from './issue-refund.handler';
import { PurchasesController } from './purchases.controller';
import { RecordPurchaseHandler } from './record-purchase.handler';

@Module({ controllers: [PurchasesController], providers: [RecordPurchaseHandler, IssueRefundHandler] })
export class PurchasesModule {}
