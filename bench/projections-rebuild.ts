/**
 * Runs projections-rebuild-worker.ts as a child process and watches it from outside: its peak memory,
 * and the CPU of the PostgreSQL backends serving it and of the event store while it runs (read from
 * /proc, so only when PostgreSQL runs on this machine).
 */
import projectorFlags from '../apps/projector/node-flags.json';
import { backendsCpu, cpuOf, rssOf } from './process-stats';
import { runWorker } from './worker-process';

const SAMPLE_MS = 500;

export interface RebuildResult {
  /** Events the runtime handed to the builds (the log's customer and location events). */
  events: number;
  batches: number;
  /** From the start of the group run until every build is live. */
  seconds: number;
  /** CPU of the worker over the same stretch (user + system). */
  cpuSeconds: number;
  /** Peak resident set size of the worker over its whole life (getrusage), bytes. */
  maxRssBytes: number;
  /** Wall time inside each projection's apply, by projection name. */
  applySeconds: Record<string, number>;
  /** projection_runtime.builds.events_applied of each live build, by projection name. */
  eventsApplied: Record<string, number>;
  deadLetters: number;
  /** Schema of each live build, by projection name. */
  schemas: Record<string, string>;
}

export interface RebuildOptions {
  eventStoreUrl: string;
  eventStorePid: number;
  databaseUrl: string;
  /** The bench database's name: the PostgreSQL backends connected to it are the worker's. */
  databaseName: string;
  maxBatchSize: number;
  timeoutMs: number;
  onProgress?: (line: string) => void;
}

export interface RebuildRun {
  result: RebuildResult;
  /** The largest VmRSS seen while sampling (a cross-check of maxRssBytes). */
  sampledPeakRssBytes: number;
  /** CPU of the backends of the bench database over the run, or undefined when /proc does not show them. */
  postgresCpuSeconds: number | undefined;
  postgresBackends: number;
  eventStoreCpuSeconds: number | undefined;
}

export async function runRebuild(options: RebuildOptions): Promise<RebuildRun> {
  // The projector's own V8 flags, then BENCH_PROJECTOR_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=tmp/prof" profiles the worker).
  const nodeArgs = [...projectorFlags, ...(process.env.BENCH_PROJECTOR_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '')];
  const storeCpuBefore = cpuOf(options.eventStorePid);
  const backends = new Map<number, number>();
  let peakRss = 0;
  const result = await runWorker<RebuildResult>('bench/projections-rebuild-worker.ts', [options.eventStoreUrl, options.databaseUrl, String(options.maxBatchSize)], {
    nodeArgs,
    timeoutMs: options.timeoutMs,
    onStderrLine: (line) => line.startsWith('rebuild:') && options.onProgress?.(line),
    whileRunning: (pid) => {
      const sample = () => {
        peakRss = Math.max(peakRss, rssOf(pid));
        for (const [backend, cpu] of backendsCpu(options.databaseName)) backends.set(backend, Math.max(backends.get(backend) ?? 0, cpu));
      };
      const sampler = setInterval(sample, SAMPLE_MS);
      return () => clearInterval(sampler);
    },
  });
  const storeCpuAfter = cpuOf(options.eventStorePid);
  return {
    result,
    sampledPeakRssBytes: peakRss,
    postgresCpuSeconds: backends.size === 0 ? undefined : [...backends.values()].reduce((a, b) => a + b, 0),
    postgresBackends: backends.size,
    eventStoreCpuSeconds: storeCpuBefore === undefined || storeCpuAfter === undefined ? undefined : storeCpuAfter - storeCpuBefore,
  };
}
