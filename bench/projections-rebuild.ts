/**
 * Runs projections-rebuild-worker.ts as a child process and watches it from outside: its peak memory,
 * and the CPU of the PostgreSQL backends serving it and of the event store while it runs (read from
 * /proc, so only when PostgreSQL runs on this machine).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { backendsCpu, cpuOf, rssOf } from './process-stats';

const workspaceRoot = path.resolve(__dirname, '..');
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

/** The worker prints its RebuildResult on one stdout line starting with this. */
export const RESULT_PREFIX = 'RESULT ';

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
  // BENCH_PROJECTOR_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=tmp/prof") profiles the worker.
  const nodeArgs = (process.env.BENCH_PROJECTOR_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const storeCpuBefore = cpuOf(options.eventStorePid);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '-r', '@swc-node/register', 'bench/projections-rebuild-worker.ts', options.eventStoreUrl, options.databaseUrl, String(options.maxBatchSize)],
    { cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
    for (const line of chunk.toString().split('\n')) if (line.startsWith('rebuild:')) options.onProgress?.(line);
  });

  const backends = new Map<number, number>();
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, rssOf(child.pid));
    for (const [pid, cpu] of backendsCpu(options.databaseName)) backends.set(pid, Math.max(backends.get(pid) ?? 0, cpu));
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearInterval(sampler);
  clearTimeout(timer);

  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
  if (code !== 0 || line === undefined) {
    throw new Error(`the rebuild worker exited with ${code ?? 'a signal (timeout?)'}:\n${(stderr + stdout).slice(-3000)}`);
  }
  const storeCpuAfter = cpuOf(options.eventStorePid);
  return {
    result: JSON.parse(line.slice(RESULT_PREFIX.length)) as RebuildResult,
    sampledPeakRssBytes: peakRss,
    postgresCpuSeconds: backends.size === 0 ? undefined : [...backends.values()].reduce((a, b) => a + b, 0),
    postgresBackends: backends.size,
    eventStoreCpuSeconds: storeCpuBefore === undefined || storeCpuAfter === undefined ? undefined : storeCpuAfter - storeCpuBefore,
  };
}
