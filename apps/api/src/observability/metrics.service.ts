import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The API's Prometheus metrics, in a registry of its own (one per app, so tests can run several). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'ledgerline_api_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'ledgerline_api_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'ledgerline_api_appends_total',
    help: 'Successful appends to the event store, by aggregate',
    labelNames: ['aggregate'] as const,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'ledgerline_api_events_appended_total',
    help: 'Events appended, by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly concurrencyConflicts = new Counter({
    name: 'ledgerline_api_concurrency_conflicts_total',
    help: 'Appends rejected because the stream moved; outcome is retried or rejected (answered 409)',
    labelNames: ['aggregate', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly idempotentReplays = new Counter({
    name: 'ledgerline_api_idempotent_replays_total',
    help: 'Requests answered from an earlier one with the same Idempotency-Key, by where the answer came from',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledgerline_api_' });
  }
}
