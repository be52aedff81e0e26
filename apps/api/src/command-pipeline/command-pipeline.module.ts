import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { AggregateStates } from './aggregate-states';
import { CommandAnswerInterceptor } from './command-answer.interceptor';
import { CommandRunner } from './command-runner';
import { CustomerCommandsService } from './customer-commands.service';
import { LocationCommandsService } from './location-commands.service';

const shared = [AggregateStates, CommandRunner, CustomerCommandsService, LocationCommandsService, IdempotencyStore, CommandAnswerInterceptor];

/** The generic load-decide-append pipeline and its HTTP wrapping, shared by every capability module. */
@Global()
@Module({ imports: [CqrsModule.forRoot()], providers: shared, exports: [...shared, CqrsModule] })
export class CommandPipelineModule {}
