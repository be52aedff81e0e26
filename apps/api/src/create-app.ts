import 'reflect-metadata';
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/api-config';
import { correlationIdMiddleware } from './http/correlation-id.middleware';
import { PrototypedExpressAdapter } from './http/prototyped-express-adapter';
import { httpMetricsMiddleware } from './observability/http-metrics.middleware';
import { MetricsService } from './observability/metrics.service';

export interface CreateAppOptions {
  readonly logger?: false | LogLevel[];
}

/** The API, configured but not listening: main.ts and the e2e tests both start it with `listen`. */
export async function createApp(config: ApiConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new PrototypedExpressAdapter(), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // No ETag made by hashing every answer: Express hashed each body with SHA-1 (about 0.13 ms of a year
  // by day's 2 ms of API CPU) so that a client repeating the request could get 304 instead of the
  // bytes, after the server had done all the work anyway. The answers whose ETag means something set
  // it themselves (a customer's or a command's revision), and conditional requests against those work.
  app.set('etag', false);
  // Before the body parser, so that even a request with a malformed body is correlated and counted.
  app.use(correlationIdMiddleware);
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.useBodyParser('json', { limit: '256kb' });
  app.enableShutdownHooks();
  return app;
}
