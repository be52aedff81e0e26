import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');
const serverEntry = path.join(workspaceRoot, 'infra/eventstore/src/main.ts');
const READY = /listening on 127\.0\.0\.1:(\d+)/;

export interface StartOptions {
  /** Reuse a data folder (to restart on the same log); a fresh temporary one otherwise. */
  dataDir?: string;
  /** 0 (the default) lets the server pick a free port. */
  port?: number;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

/** The embedded EventStoreDB-compatible server, running as a child process like a real node. */
export interface RunningEventStore {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number;
  /** Graceful shutdown (SIGTERM), waiting for the process to exit. */
  stop(): Promise<void>;
  /** kill -9: no chance to flush or close anything. */
  kill(): Promise<void>;
  /** Removes the data folder if this harness created it. Call after stop/kill. */
  cleanup(): Promise<void>;
  /** Everything the server printed, for diagnosing a failed test. */
  output(): string;
}

export async function startEventStore(options: StartOptions = {}): Promise<RunningEventStore> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'ledgerline-esdb-')));
  const child = spawn(process.execPath, ['-r', '@swc-node/register', serverEntry], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      ...options.env,
      EVENTSTORE_PORT: String(options.port ?? 0),
      EVENTSTORE_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));

  let port: number;
  try {
    port = await waitForReady(child, () => output, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };

  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    dataDir,
    pid: child.pid!,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    cleanup: async () => {
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
    output: () => output,
  };
}

function waitForReady(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`event store did not start in ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const onData = () => {
      const match = READY.exec(output());
      if (match) done(Number(match[1]));
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`event store exited (code ${code}, signal ${signal}) before it was ready:\n${output()}`));
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    const done = (port: number) => (cleanup(), resolve(port));
    const fail = (error: Error) => (cleanup(), child.kill('SIGKILL'), reject(error));
    // Registered after the harness's own listener, so output() already holds the chunk.
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}
