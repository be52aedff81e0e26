/**
 * Runs projections-query-worker.ts, the client that times the analytics queries, as a process of its
 * own. By the query phase the benchmark's main process has generated and appended a million events and
 * read back every row of the rebuild for the raw baseline: its heap held 180 to 230 MiB, mostly garbage
 * V8 had not yet needed to collect, and its collections paused it for 3 ms at the median and up to
 * 13 ms, with every request in flight on the clock meanwhile. A load tool runs apart from whatever made
 * the data; so does this one.
 */
import type { ClientStalls } from './client-stalls';
import type { EndpointFigures, QueryOptions } from './projections-queries';
import { runWorker } from './worker-process';

export interface QueryLoadSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Whose CPU each endpoint's requests are divided into, with that of the database's backends. */
  readonly apiPid: number;
  readonly databaseName: string;
  readonly queries: QueryOptions;
  readonly clients: number;
  /** Untimed requests of each scenario before anything is timed (warmUpApi). */
  readonly apiWarmUp: number;
  readonly rounds: number;
  /** Per round and endpoint: untimed requests, then timed ones. */
  readonly warmUp: number;
  readonly requests: number;
  readonly deepPages: number;
  readonly deepWalks: number;
  readonly deepPagesName: string;
  /** After the timed rounds: rounds with a single client, `soloRequests` timed requests each (and `deepWalks` timed walks of the deep pages). */
  readonly soloRounds: number;
  readonly soloRequests: number;
}

export interface QueryLoadResult {
  readonly endpoints: EndpointFigures[];
  /** The same endpoints with one client: what a request takes when nothing else is asked of the cores. */
  readonly solo: EndpointFigures[];
  /** How long the worker itself stood still over the timed rounds. */
  readonly stalls: ClientStalls;
  /** The worker's heap in use when the timed rounds started, bytes. */
  readonly heapUsed: number;
}

export function runQueryLoad(settings: QueryLoadSettings, timeoutMs: number): Promise<QueryLoadResult> {
  return runWorker<QueryLoadResult>('bench/projections-query-worker.ts', [JSON.stringify(settings)], { timeoutMs });
}
