import { Module } from '@nestjs/common';
import { ComplaintsController } from './complaints.controller';
import { OpenComplaintHandler } from './open-complaint.handler';
import { RecordSatisfactionHandler } from './record-satisfaction.handler';
import { ReopenComplaintHandler } from './reopen-complaint.handler';
import { ResolveComplaintHandler } from './resolve-complaint.handler';

@Module({
  controllers: [ComplaintsController],
  providers: [OpenComplaintHandler, ResolveComplaintHandler, ReopenComplaintHandler, RecordSatisfactionHandler],
})
export class ComplaintsModule {}
