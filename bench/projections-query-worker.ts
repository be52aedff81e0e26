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
    const timed = { warmUp: settings.warmUp, count: settings.requests, clients };
    const [firstPage, ...others] = queryScenarios(settings.queries).map((scenario) => scenarioEndpoint(http, scenario, timed));
    const deepPages = deepPagesEndpoint(http, settings.deepPagesName, { pages: settings.deepPages, walks: settings.deepWalks, clients });
    const cpuSince = () => {
      const [apiBefore, postgresBefore] = [cpuOf(apiPid), backendsCpu(databaseName)];
      return () => ({ api: (cpuOf(apiPid) ?? NaN) - (apiBefore ?? NaN), postgres: backendsCpuSince(databaseName, postgresBefore) });
    };
    const heapUsed = process.memoryUsage().heapUsed;
    const stopWatching = watchClientStalls();
    const endpoints = await measureInRounds([firstPage!, deepPages, ...others], settings.rounds, cpuSince);
    const result: QueryLoadResult = { endpoints, stalls: stopWatching(), heapUsed };
    printResult(result);
  } finally {
    http.close();
  }
}

runAsWorker(main);
