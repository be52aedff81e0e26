// `npm start`: the whole local stack: the embedded EventStoreDB-compatible server, then the API
// (with the development keys of apps/api/src/config/dev-api-keys.ts unless API_KEYS is set) and the
// projector (the PostgreSQL read models). The worker joins here as it is built.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = [];

function run(name, entry, env = {}, onLine = () => {}) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (line) => `[${name}] ${line}`;
  for (const [source, sink] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    let rest = '';
    source.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) {
        sink.write(prefix(line) + '\n');
        onLine(line);
      }
    });
  }
  child.on('exit', (code, signal) => {
    console.log(prefix(`exited (${signal ?? code})`));
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

const eventStorePort = process.env.EVENTSTORE_PORT ?? '2113';
let apiStarted = false;
run('eventstore', 'infra/eventstore/src/main.ts', { EVENTSTORE_PORT: eventStorePort }, (line) => {
  if (apiStarted || !line.includes('listening on')) return;
  apiStarted = true;
  const eventStoreUrl = process.env.EVENTSTORE_URL ?? `esdb://127.0.0.1:${eventStorePort}?tls=false`;
  run('api', 'apps/api/src/main.ts', { EVENTSTORE_URL: eventStoreUrl });
  run('projector', 'apps/projector/src/main.ts', { EVENTSTORE_URL: eventStoreUrl });
});
