// Loads the demo network through the HTTP API, once: `npm start` runs it when the API is up (DEMO_DATA=off
// skips it); alone: `node -r @swc-node/register scripts/demo/load-demo.ts`. Six locations, 3,000
// customers and a year of their purchases, refunds, calls, emails, complaints, surveys, preferences and
// consents, ending when the load first ran. Interrupted, it can be run again: each command carries an
// Idempotency-Key from the seed, the year's anchor and its index, so nothing is applied twice.
//
// Environment: DEMO_API_URL (default http://127.0.0.1:$PORT), DEMO_WRITER_KEY and DEMO_ANALYST_KEY
// (default the development keys), DEMO_SEED, DEMO_CUSTOMERS (default 3000), DEMO_CONCURRENCY (16).
import { analystExamples } from './analyst-examples';
import { bootstrapNetwork, customerExists } from './bootstrap';
import { jsonClient } from './http-client';
import { DEMO_LOCATIONS } from './network';
import { demoPeople, planDemo } from './plan';
import { refreshLifetimeValue } from './refresh-lifetime-value';
import { printFailures, startProgress } from './report';
import { newStats, sendCommand, sendQueues } from './send-commands';
import { waitForReadModels } from './wait-for-read-models';

const number = (n: number) => n.toLocaleString('en-US');

function demoConfig(env: NodeJS.ProcessEnv) {
  const seed = env.DEMO_SEED ?? 'brightside';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(seed)) throw new Error(`DEMO_SEED must be 1 to 64 letters, digits, '.', '_' or '-', not ${JSON.stringify(seed)}`);
  const positive = (name: string, fallback: number, min: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, not ${JSON.stringify(text)}`);
    return value;
  };
  return {
    apiUrl: env.DEMO_API_URL ?? `http://127.0.0.1:${env.PORT ?? '3000'}`,
    writerKey: env.DEMO_WRITER_KEY ?? 'dev-writer-key-0000000000',
    analystKey: env.DEMO_ANALYST_KEY ?? 'dev-analyst-key-000000000',
    seed,
    customerCount: positive('DEMO_CUSTOMERS', 3000, 3),
    concurrency: positive('DEMO_CONCURRENCY', 16, 1),
  };
}

async function main(): Promise<number> {
  const { apiUrl, writerKey, analystKey, seed, customerCount, concurrency } = demoConfig(process.env);
  const writer = jsonClient(apiUrl, writerKey, concurrency);
  const analyst = jsonClient(apiUrl, analystKey, 2);
  try {
    const { anchor, newest } = demoPeople(seed, customerCount);
    if (await customerExists(writer, newest.customerId)) {
      console.log(`the demo network is already loaded (customer ${newest.customerId} exists). Try:`);
      for (const line of analystExamples(apiUrl, analystKey)) console.log(`  ${line}`);
      return 0;
    }

    const started = Date.now();
    const anchorMs = await bootstrapNetwork(writer, anchor);
    const plan = planDemo(seed, customerCount, anchorMs);
    console.log(
      `loading the demo network into ${apiUrl}: ${DEMO_LOCATIONS.length} locations, ${number(customerCount)} customers, ` +
        `${number(plan.total)} commands over the year to ${new Date(anchorMs).toISOString()}, ${concurrency} at a time`,
    );
    const keyOf = (index: number) => `demo-${seed}-${anchorMs.toString(36)}-${index}`;
    const stats = newStats();
    const stopProgress = startProgress(stats, plan.total);
    try {
      await sendQueues(writer, plan.queues, { concurrency, keyOf }, stats);
      if (stats.failures.length > 0) {
        printFailures(stats.failures, stats.skipped);
        console.error('the demo is incomplete; fix the generator and restart (what was loaded stays and is not sent twice)');
        return 1;
      }
      const marker = await sendCommand(writer, plan.marker, keyOf(plan.markerIndex), stats);
      if (marker.status >= 300) throw new Error(`the last registration answered ${marker.status}: ${marker.text}`);
    } finally {
      stopProgress();
    }

    const seconds = (Date.now() - started) / 1000;
    const replayed = stats.replayed > 0 ? ` (${number(stats.replayed)} already applied by an earlier run)` : '';
    console.log(`loaded ${number(stats.sent)} commands in ${seconds.toFixed(1)} s, ${number(Math.round(stats.sent / seconds))}/s${replayed}; ${number(stats.retries)} retried`);
    if (await waitForReadModels(analyst, stats.lastPosition, 180_000)) {
      console.log(`the read models are up to date, ${((Date.now() - started) / 1000).toFixed(1)} s after the start`);
      await refreshLifetimeValue().then(
        (summary) => console.log(`lifetime-value model refitted: ${summary}`),
        (error: unknown) => console.log(`could not refit the lifetime-value model now (the projector does it hourly): ${error instanceof Error ? error.message : String(error)}`),
      );
      console.log('Try:');
    } else {
      console.log('the read models are still catching up (GET /v1/projections shows how far); meanwhile, try:');
    }
    for (const line of analystExamples(apiUrl, analystKey)) console.log(`  ${line}`);
    return 0;
  } finally {
    writer.close();
    analyst.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`the demo data could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
