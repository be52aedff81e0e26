/**
 * The client of the projections suite's query phase, run as its own process by projections-query-load.ts:
 * warms the API up, then measures every endpoint in rounds (projections-queries.ts) and prints a
 * QueryLoadResult.
 *
 *   node -r @swc-node/register bench/projections-query-worker.ts '<QueryLoadSettings as JSON>'
 */
import { watchClientStalls } from './client-stalls';
import { backendsCpu, backendsCpuSince, cpuOf } from './process-stats';
import { httpGetClient } from './projections-http-get';
import type { QueryLoadResult, QueryLoadSettings } from './projections-query-load';
import { deepPagesEndpoint, measureInRounds, queryScenarios, scenarioEndpoint, warmUpApi } from './projections-queries';
import { printResult, runAsWorker } from './worker-process';

async function main([settingsJson]: string[]): Promise<void> {
  if (settingsJson === undefined) throw new Error("usage: projections-query-worker.ts '<QueryLoadSettings as JSON>'");
  const settings = JSON.parse(settingsJson) as QueryLoadSettings;
  const { clients, apiPid, databaseName } = settings;
  const http = httpGetClient(settings.baseUrl, { authorization: `Bearer ${settings.apiKey}` });
  try {
    // The warm-up walks other customers and locations than the timed rounds (another seed).
    await warmUpApi(http, queryScenarios({ ...settings.queries, seed: settings.queries.seed + 1 }), { perScenario: settings.apiWarmUp, deepPages: settings.deepPages, clients });
    const endpointsWith = (clients: number, count: number, seed: number) => {
      const [firstPage, ...others] = queryScenarios({ ...settings.queries, seed }).map((scenario) => scenarioEndpoint(http, scenario, { warmUp: settings.warmUp, count, clients }));
      return [firstPage!, deepPagesEndpoint(http, settings.deepPagesName, { pages: settings.deepPages, walks: settings.deepWalks, clients }), ...others];
    };
    const cpuSince = () => {
      const [apiBefore, postgresBefore] = [cpuOf(apiPid), backendsCpu(databaseName)];
      return () => ({ api: (cpuOf(apiPid) ?? NaN) - (apiBefore ?? NaN), postgres: backendsCpuSince(databaseName, postgresBefore) });
    };
    const heapUsed = process.memoryUsage().heapUsed;
    const stopWatching = watchClientStalls();
    const endpoints = await measureInRounds(endpointsWith(clients, settings.requests, settings.queries.seed), settings.rounds, cpuSince);
    const stalls = stopWatching();
    // One client, after the loaded rounds, over other customers and locations (another seed again).
    const solo = await measureInRounds(endpointsWith(1, settings.soloRequests, settings.queries.seed + 2), settings.soloRounds, cpuSince);
    const result: QueryLoadResult = { endpoints, solo, stalls, heapUsed };
    printResult(result);
  } finally {
    http.close();
  }
}

runAsWorker(main);
