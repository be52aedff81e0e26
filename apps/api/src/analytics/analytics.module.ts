import { Module } from '@nestjs/common';
import { ProjectionsController } from './projections.controller';
import { ReadYourWrites } from './read-your-writes.service';
import { TimelineController } from './timeline.controller';

/** Queries over the read models (analytics:read), and the projections' status. */
@Module({ controllers: [TimelineController, ProjectionsController], providers: [ReadYourWrites] })
export class AnalyticsModule {}
