/**
 * A part of a benchmark run as a child process of its own (`node -r @swc-node/register <script>`), so
 * that its memory, CPU and pauses are its own and not those of the process that generated the data.
 * The worker prints its result on one stdout line `RESULT <json>` (printResult).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '..');
const RESULT_PREFIX = 'RESULT ';

export interface WorkerOptions {
  /** Node's own options, before the script (e.g. --cpu-prof). */
  readonly nodeArgs?: readonly string[];
  /** Killed (SIGKILL) after this long. */
  readonly timeoutMs: number;
  /** Each line the worker writes to stderr, as it comes. */
  readonly onStderrLine?: (line: string) => void;
  /** Called once it has started; the function it returns is called once it has exited. */
  readonly whileRunning?: (pid: number) => () => void;
}

/** Runs `script` (relative to the workspace root) with `args` and returns the result it printed; throws when it exited otherwise. */
export async function runWorker<Result>(script: string, args: readonly string[], options: WorkerOptions): Promise<Result> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '-r', '@swc-node/register', script, ...args], { cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
    if (options.onStderrLine) for (const line of chunk.toString().split('\n')) if (line !== '') options.onStderrLine(line);
  });
  const stopWatching = child.pid === undefined ? () => {} : (options.whileRunning?.(child.pid) ?? (() => {}));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  stopWatching();
  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
  if (code !== 0 || line === undefined) throw new Error(`${script} exited with ${code ?? 'a signal (timeout?)'}:\n${(stderr + stdout).slice(-3000)}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as Result;
}

/** The worker's side: prints the result for runWorker. */
export function printResult(result: unknown): void {
  console.log(RESULT_PREFIX + JSON.stringify(result));
}

/** The worker's side: runs its main with its arguments and exits 0, or 1 with the error on stderr. */
export function runAsWorker(main: (args: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
