/** Runs apps/api as its own process, as it runs in production, for benchmarks that load it over HTTP. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '..');

export interface RunningApi {
  baseUrl: string;
  pid: number | undefined;
  stop(): Promise<void>;
  output(): string;
}

export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  // BENCH_API_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=tmp/prof") profiles the API under load.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: workspaceRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited before it was ready:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).status < 500) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not become healthy within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    pid: child.pid,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
