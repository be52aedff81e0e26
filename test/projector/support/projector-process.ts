import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import projectorFlags from '../../../apps/projector/node-flags.json';

const root = path.resolve(__dirname, '../../..');

/** apps/projector as its own process, as production runs it: kill -9 it to test a crash. */
export function spawnProjector(env: { EVENTSTORE_URL: string; DATABASE_URL: string; PROJECTOR_BATCH_SIZE?: string; PROJECTOR_STANDBY_RETRY_MS?: string }): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
} {
  const child = spawn(process.execPath, [...projectorFlags, '-r', '@swc-node/register', 'apps/projector/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, output: () => output, exited };
}
