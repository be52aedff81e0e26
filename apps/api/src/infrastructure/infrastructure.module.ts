import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { createEventStoreClient, type EventStoreClient } from '@ledgerline/event-store';
import { createDatabase } from '@ledgerline/read-models';
import Redis from 'ioredis';
import type { Kysely } from 'kysely';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG, API_KEYS, EVENT_STORE, READ_MODELS, REDIS } from './tokens';

@Injectable()
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStoreClient,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(READ_MODELS) private readonly readModels: Kysely<unknown>,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.readModels.destroy();
    await this.eventStore.dispose();
  }
}

/** The process's connections, made once from the config and closed with the app. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: API_KEYS, useValue: config.apiKeys },
        { provide: EVENT_STORE, useFactory: () => createEventStoreClient(config.eventStoreUrl) },
        // Fail fast rather than queue for ever: a command must not hang because Redis is away.
        { provide: REDIS, useFactory: () => new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true }) },
        // The read models, for queries; pg connects lazily, so commands are served while PostgreSQL is away.
        { provide: READ_MODELS, useFactory: () => createDatabase(config.databaseUrl, { maxConnections: 10, applicationName: 'ledgerline-api', autoPrepare: true }) },
        ConnectionsCloser,
      ],
      exports: [API_CONFIG, API_KEYS, EVENT_STORE, REDIS, READ_MODELS],
    };
  }
}
