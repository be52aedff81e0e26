import { Module } from '@nestjs/common';
import { CustomerValueController } from './customer-value.controller';
import { LocationPerformanceController } from './location-performance.controller';
import { ProjectionsController } from './projections.controller';
import { ReadYourWrites } from './read-your-writes.service';
import { TimelineController } from './timeline.controller';

/** Queries over the read models (analytics:read), and the projections' status. */
@Module({ controllers: [TimelineController, LocationPerformanceController, CustomerValueController, ProjectionsController], providers: [ReadYourWrites] })
export class AnalyticsModule {}
