/**
 * The query side of the projections suite: each analytics endpoint of apps/api, over HTTP, against the
 * rebuilt read models. Each endpoint runs in several rounds that alternate with the other endpoints
 * (measureInRounds): a few clients at once, an untimed warm-up, then timed requests whose parameters
 * vary (customer, location, metric, filter) from a seeded sequence.
 */
import { seededRandom } from '@ledgerline/testing';
import { HEAVY_CUSTOMER_ID, LOCATIONS } from './projections-crm-log';
import type { HttpGetClient } from './projections-http-get';
import { percentile } from './timing';

export interface QueryScenario {
  /** The figures are `query.<name>.p50` and `query.<name>.p99`. */
  readonly name: string;
  /** What one request asks, for the notes. */
  readonly describe: string;
  /** The i-th request's path. */
  path(i: number): string;
}

export interface QueryOptions {
  /** Regular (not heavy) customers are c000001 … c<customers - 1>. */
  readonly customers: number;
  readonly seed: number;
  /** The year the log covers, as calendar days. */
  readonly from: string;
  readonly to: string;
}

const TYPE_FILTERS = ['CallLogged,EmailLogged', 'PurchaseRecorded,RefundIssued', 'ComplaintOpened,ComplaintResolved,ComplaintReopened', 'ConsentGiven,ConsentWithdrawn', 'SatisfactionRecorded'];
const RANKINGS = ['orderBy=netRevenueMinor', 'orderBy=nps', 'orderBy=repeatCustomers', 'orderBy=medianResolutionSeconds&direction=asc', 'orderBy=newCustomers&region=nordics'];

export function queryScenarios({ customers, seed, from, to }: QueryOptions): QueryScenario[] {
  const random = seededRandom(seed ^ 0x51ed);
  const customer = () => `c${String(1 + Math.floor(random() * (customers - 1))).padStart(6, '0')}`;
  const location = () => LOCATIONS[Math.floor(random() * LOCATIONS.length)].locationId;
  const period = `from=${from}&to=${to}`;
  const topCustomers = [
    () => 'currency=NOK&limit=50',
    () => 'currency=EUR&orderBy=predictedValue&limit=50',
    () => `locationId=${location()}&limit=50`,
    () => 'currency=NOK&segment=champions&limit=50',
    () => 'currency=USD&segment=at-risk&limit=50',
  ];
  const performance = (granularity: string): QueryScenario => ({
    name: `location_performance.${granularity}`,
    describe: `GET /v1/locations/:id/performance over the year by ${granularity}, a random location`,
    path: () => `/v1/locations/${location()}/performance?${period}&granularity=${granularity}`,
  });
  return [
    {
      name: 'timeline.first_page',
      describe: 'GET /v1/customers/:id/timeline?limit=50, a random customer',
      path: () => `/v1/customers/${customer()}/timeline?limit=50`,
    },
    {
      name: 'timeline.type_filter',
      describe: `GET /v1/customers/${HEAVY_CUSTOMER_ID}/timeline?types=…&limit=50 (the heavy customer; types rotate over ${TYPE_FILTERS.join(' | ')})`,
      path: (i) => `/v1/customers/${HEAVY_CUSTOMER_ID}/timeline?types=${TYPE_FILTERS[i % TYPE_FILTERS.length]}&limit=50`,
    },
    performance('day'),
    performance('week'),
    performance('month'),
    {
      name: 'network_ranking',
      describe: `GET /v1/locations/performance over the year (${RANKINGS.join(' | ')})`,
      path: (i) => `/v1/locations/performance?${period}&${RANKINGS[i % RANKINGS.length]}`,
    },
    {
      name: 'customer_profile',
      describe: 'GET /v1/customers/:id/profile, a random customer',
      path: () => `/v1/customers/${customer()}/profile`,
    },
    {
      name: 'lifetime_value',
      describe: 'GET /v1/customers/:id/lifetime-value, a random customer (after the model refresh)',
      path: () => `/v1/customers/${customer()}/lifetime-value`,
    },
    {
      name: 'top_customers',
      describe: 'GET /v1/analytics/lifetime-value?… (by currency, by predicted value, by location, by RFM segment)',
      path: (i) => `/v1/analytics/lifetime-value?${topCustomers[i % topCustomers.length]()}`,
    },
  ];
}

export interface Latencies {
  p50: number;
  p99: number;
  count: number;
}

/**
 * Untimed requests of every scenario in turn (`perScenario` of each, `clients` in flight) and one walk
 * down the heavy customer's timeline, before anything is timed. V8 compiles and optimises the API's
 * code as it runs (a function is optimised only after many calls), and on this workload it took some
 * 2,000 requests to settle: without this, the endpoints timed first measured the API warming up (a
 * timeline page cost twice the CPU it costs later), not the API that serves analysts all day.
 */
export async function warmUpApi(http: HttpGetClient, scenarios: readonly QueryScenario[], { perScenario, deepPages, clients }: { perScenario: number; deepPages: number; clients: number }): Promise<void> {
  const total = perScenario * scenarios.length;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < total; i = next++) await http.get(scenarios[i % scenarios.length]!.path(Math.floor(i / scenarios.length)));
  };
  await Promise.all(Array.from({ length: clients }, worker));
  await walkTimeline(http, deepPages, () => {});
}

/** What one run of an endpoint gave: the timed latencies, and every request it sent (timed or not). */
export interface TimedRun {
  latencies: number[];
  requests: number;
}

/** Something measured in rounds: one run per round. */
export interface QueryEndpoint {
  readonly name: string;
  run(round: number): Promise<TimedRun>;
}

/**
 * A scenario as an endpoint: each run sends `warmUp` untimed requests, then `count` timed ones,
 * `clients` in flight. Each round goes on with the scenario's sequence of paths.
 */
export function scenarioEndpoint(http: HttpGetClient, scenario: QueryScenario, { warmUp, count, clients }: { warmUp: number; count: number; clients: number }): QueryEndpoint {
  const total = warmUp + count;
  return {
    name: scenario.name,
    async run(round) {
      const latencies: number[] = [];
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < total; i = next++) {
          const { ms } = await http.get(scenario.path(round * total + i));
          if (i >= warmUp) latencies.push(ms);
        }
      };
      await Promise.all(Array.from({ length: clients }, worker));
      return { latencies, requests: total };
    },
  };
}

/**
 * Keyset pagination at depth: in each run, one untimed walk, then each client follows nextCursor from
 * the heavy customer's first page to page `pages`, `walks` times; pages 2 onwards are timed.
 */
export function deepPagesEndpoint(http: HttpGetClient, name: string, { pages, walks, clients }: { pages: number; walks: number; clients: number }): QueryEndpoint {
  return {
    name,
    async run() {
      const latencies: number[] = [];
      await walkTimeline(http, pages, () => {});
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let w = 0; w < walks; w++) await walkTimeline(http, pages, (page, ms) => page > 1 && latencies.push(ms));
        }),
      );
      return { latencies, requests: pages * (1 + walks * clients) };
    },
  };
}

/** CPU seconds the API process and PostgreSQL's backends used over a stretch of the run. */
export interface CpuUse {
  api: number;
  postgres: number;
}

export interface EndpointFigures extends Latencies {
  readonly name: string;
  /** Every request sent, timed or not: what the CPU is divided by. */
  readonly requests: number;
  /** The p99 of each round on its own, in round order. */
  readonly roundP99s: number[];
  /** CPU per request, ms. */
  readonly apiCpuMs: number;
  readonly postgresCpuMs: number;
}

/**
 * Measures every endpoint in `rounds` rounds, each round running every endpoint once in turn, and
 * pools each endpoint's timed latencies over the rounds. On a shared machine a slow spell lasts
 * seconds: measured one endpoint at a time, it lands on whichever endpoint runs then and decides that
 * one's p99; in rounds, every endpoint runs in several spells of the run, as eventstore.bench.ts
 * alternates its appends with their baseline. `cpuSince()` starts a CPU reading and returns what has
 * been used since when called.
 */
export async function measureInRounds(endpoints: readonly QueryEndpoint[], rounds: number, cpuSince: () => () => CpuUse): Promise<EndpointFigures[]> {
  const pooled = endpoints.map(() => ({ latencies: [] as number[], requests: 0, roundP99s: [] as number[], api: 0, postgres: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [e, endpoint] of endpoints.entries()) {
      const used = cpuSince();
      const { latencies, requests } = await endpoint.run(round);
      const { api, postgres } = used();
      const into = pooled[e]!;
      into.latencies.push(...latencies);
      into.requests += requests;
      into.roundP99s.push(percentile(latencies, 99));
      into.api += api;
      into.postgres += postgres;
    }
  }
  return endpoints.map((endpoint, e) => {
    const { latencies, requests, roundP99s, api, postgres } = pooled[e]!;
    return { name: endpoint.name, ...summary(latencies), requests, roundP99s, apiCpuMs: (api * 1000) / requests, postgresCpuMs: (postgres * 1000) / requests };
  });
}

/** Follows nextCursor from the heavy customer's first page to page `pages` (limit 50), telling `timed` each page's time. */
async function walkTimeline(http: HttpGetClient, pages: number, timed: (page: number, ms: number) => void): Promise<void> {
  let cursor: string | null = null;
  for (let page = 1; page <= pages; page++) {
    const path: string = `/v1/customers/${HEAVY_CUSTOMER_ID}/timeline?limit=50${cursor === null ? '' : `&cursor=${cursor}`}`;
    const { ms, text } = await http.get(path);
    timed(page, ms);
    cursor = (JSON.parse(text()) as { nextCursor: string | null }).nextCursor;
    if (cursor === null) throw new Error(`the heavy customer's timeline ended at page ${page} of ${pages}`);
  }
}

function summary(latencies: number[]): Latencies {
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length };
}
