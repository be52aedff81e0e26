import { Module } from '@nestjs/common';
import { InteractionsController } from './interactions.controller';
import { LogCallHandler } from './log-call.handler';
import { LogEmailHandler } from './log-email.handler';

@Module({ controllers: [InteractionsController], providers: [LogCallHandler, LogEmailHandler] })
export class InteractionsModule {}
