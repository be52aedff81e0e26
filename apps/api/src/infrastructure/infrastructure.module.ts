import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { createEventStoreClient, type EventStoreClient } from '@ledgerline/event-store';
import Redis from 'ioredis';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG, API_KEYS, EVENT_STORE, REDIS } from './tokens';

@Injectable()
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStoreClient,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
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
        ConnectionsCloser,
      ],
      exports: [API_CONFIG, API_KEYS, EVENT_STORE, REDIS],
    };
  }
}
