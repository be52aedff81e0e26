/**
 * The command side under load: internal services posting purchases and calls over HTTP to apps/api
 * (32 clients at once), beside the same number of events appended straight through the client with
 * the same concurrency, in the same run. The API adds validation, auth, loading the customer's
 * stream, deciding, idempotency and metrics on top of the append: the ratio says what that costs.
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { RunningEventStore, startEventStore } from '@ledgerline/testing';
import { RunningApi, startApi } from './api-process';
import { HttpLoadClient, httpLoadClient } from './http-load-client';
import { BenchSuite, ReportBuilder, SuiteReport } from './report';
import { now, percentile, secondsSince } from './timing';

const SCALE = Number(process.env.BENCH_SCALE ?? 1) || 1;
const CLIENTS = 32;
const COMMANDS_PER_CLIENT = Math.max(5, Math.round(150 * SCALE));
const WARM_UP_PER_CLIENT = Math.max(2, Math.round(20 * SCALE));
const API_KEY = 'bench-key-0123456789abcdef';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const commandsSuite: BenchSuite = {
  name: 'commands',
  description: `commands per second and latency over HTTP with ${CLIENTS} concurrent clients vs raw appends through the client`,
  run: runCommandsSuite,
};

async function runCommandsSuite(): Promise<SuiteReport> {
  const report = new ReportBuilder('commands')
    .compare('commands/raw_append', 'commands', 'commands.raw_append')
    .target({ label: 'commands >= 40% of raw append throughput', ratio: 'commands/raw_append', min: 0.4 })
    .target({ label: 'command p99 latency under 50 ms', figure: 'commands.p99', max: 50 });
  let store: RunningEventStore | undefined;
  let api: RunningApi | undefined;
  let http: HttpLoadClient | undefined;
  try {
    store = await startEventStore();
    api = await startApi({
      EVENTSTORE_URL: store.url,
      REDIS_URL,
      API_KEYS: JSON.stringify({ [API_KEY]: { name: 'bench', scopes: ['commands:write', 'analytics:read'] } }),
    });
    const client = httpLoadClient(api.baseUrl, { authorization: `Bearer ${API_KEY}` });
    http = client;
    const locationId = `bench-${randomUUID().slice(0, 8)}`;
    await client.post('/v1/locations', { locationId, name: 'Bench', region: 'north', currency: 'EUR' }, 201);
    const customers = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const body = await client.post('/v1/customers', { name: 'Bench Customer', homeLocationId: locationId }, 201);
        return (body as { customerId: string }).customerId;
      }),
    );

    // Warm-up, untimed: enough commands for the API's JIT and lazily loaded modules to settle
    // (the first few hundred commands run at half speed), of both kinds timed below.
    await runClients(customers, WARM_UP_PER_CLIENT, (customerId, i) =>
      i % 2 === 0
        ? client.post(`/v1/customers/${customerId}/purchases`, purchaseBody(locationId, i), 200)
        : client.post(`/v1/customers/${customerId}/calls`, callBody(locationId, `warm-${i}`), 200),
    );

    const latencies: number[] = [];
    const started = now();
    await runClients(customers, COMMANDS_PER_CLIENT, async (customerId, i) => {
      const sent = now();
      if (i % 2 === 0) {
        await client.post(`/v1/customers/${customerId}/purchases`, purchaseBody(locationId, i), 200);
      } else {
        await client.post(`/v1/customers/${customerId}/calls`, callBody(locationId, `call-${i}`), 200);
      }
      latencies.push(Number(now() - sent) / 1e6);
    });
    const seconds = secondsSince(started);
    const commands = CLIENTS * COMMANDS_PER_CLIENT;

    const raw = await rawAppends(store.url, commands);
    report
      .figure('commands', commands / seconds, 'commands/s')
      .figure('commands.p50', percentile(latencies, 50), 'ms')
      .figure('commands.p99', percentile(latencies, 99), 'ms')
      .figure('commands.raw_append', raw.perSecond, 'appends/s')
      .figure('commands.raw_append.p99', raw.p99, 'ms')
      .note(`${commands} commands (purchases and calls) from ${CLIENTS} clients in ${seconds.toFixed(1)} s; raw: ${commands} single-event appends, ${CLIENTS} in flight`);
  } catch (error) {
    report.error('commands', error);
    if (api) report.note(`API output (tail):\n${api.output().slice(-1500)}`);
  } finally {
    http?.close();
    await api?.stop();
    await store?.stop();
    await store?.cleanup();
  }
  return report.build();
}

/** `count` operations per customer, each customer's in sequence, all customers at once. */
async function runClients(customers: string[], count: number, operation: (customerId: string, i: number) => Promise<unknown>) {
  await Promise.all(
    customers.map(async (customerId) => {
      for (let i = 0; i < count; i++) await operation(customerId, i);
    }),
  );
}

/** The baseline: single-event appends straight through the client, CLIENTS in flight. */
async function rawAppends(url: string, total: number): Promise<{ perSecond: number; p99: number }> {
  const client = EventStoreDBClient.connectionString(url);
  try {
    const latencies: number[] = [];
    const perClient = Math.ceil(total / CLIENTS);
    const started = now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const stream = `customer-raw-${c}-${randomUUID()}`;
        for (let i = 0; i < perClient; i++) {
          const sent = now();
          await client.appendToStream(stream, jsonEvent({ type: 'PurchaseRecorded', data: purchaseBody('raw', i) }), {
            expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1),
          });
          latencies.push(Number(now() - sent) / 1e6);
        }
      }),
    );
    return { perSecond: (perClient * CLIENTS) / secondsSince(started), p99: percentile(latencies, 99) };
  } finally {
    await client.dispose();
  }
}

function purchaseBody(locationId: string, i: number) {
  return { purchaseId: randomUUID(), locationId, amountMinor: 1000 + i, currency: 'EUR', occurredAt: new Date().toISOString() };
}

function callBody(locationId: string, callId: string) {
  return {
    callId: `${callId}-${randomUUID()}`,
    direction: 'inbound',
    locationId,
    durationSeconds: 90,
    outcome: 'resolved',
    occurredAt: new Date().toISOString(),
  };
}
