/**
 * Runs projections-rebuild-worker.ts as a child process and watches it from outside: its peak memory,
 * and the CPU of the PostgreSQL backends serving it and of the event store while it runs (read from
 * /proc, so only when PostgreSQL runs on this machine).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '..');
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU in these. */
const TICKS_PER_SECOND = 100;
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
    for (const pid of backendsOf(options.databaseName)) {
      const cpu = cpuOf(pid);
      if (cpu !== undefined) backends.set(pid, Math.max(backends.get(pid) ?? 0, cpu));
    }
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

/** user + system CPU seconds of a process so far, from /proc/<pid>/stat; undefined once it is gone. */
export function cpuOf(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function rssOf(pid: number | undefined): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** PostgreSQL backends connected to `database`: their process title reads "postgres: … <user> <database> <client> …". */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres:') && title.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}
