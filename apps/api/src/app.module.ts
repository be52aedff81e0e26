import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AnalyticsModule } from './analytics/analytics.module';
import { CommandPipelineModule } from './command-pipeline/command-pipeline.module';
import { ComplaintsModule } from './complaints/complaints.module';
import type { ApiConfig } from './config/api-config';
import { CustomersModule } from './customers/customers.module';
import { DocsModule } from './docs/docs.module';
import { AuthGuard } from './http/auth.guard';
import { ErrorResponseFilter } from './http/error-response.filter';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { InteractionsModule } from './interactions/interactions.module';
import { LocationsModule } from './locations/locations.module';
import { ObservabilityModule } from './observability/observability.module';
import { PreferencesAndConsentsModule } from './preferences-and-consents/preferences-and-consents.module';
import { PurchasesModule } from './purchases/purchases.module';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        ObservabilityModule,
        CommandPipelineModule,
        DocsModule,
        LocationsModule,
        CustomersModule,
        InteractionsModule,
        PurchasesModule,
        ComplaintsModule,
        PreferencesAndConsentsModule,
        AnalyticsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
      ],
    };
  }
}
