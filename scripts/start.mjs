// `npm start`: the whole local stack: the embedded EventStoreDB-compatible server, then the API
// (with the development keys of apps/api/src/config/dev-api-keys.ts unless API_KEYS is set) and the
// projector (the PostgreSQL read models). The worker joins here as it is built. Once the API listens,
// scripts/demo loads a demo network through it the first time (DEMO_DATA=off skips it); the stack
// keeps running if that fails.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = [];
/** The projector's V8 flags (apps/projector/README.md says why). */
const projectorFlags = JSON.parse(readFileSync(path.join(root, 'apps/projector/node-flags.json'), 'utf8'));

/** An `essential` child's exit stops the stack; another's (the demo loader) only is reported. */
function run(name, entry, env = {}, onLine = () => {}, { essential = true, nodeFlags = [] } = {}) {
  const child = spawn(process.execPath, [...nodeFlags, '-r', '@swc-node/register', entry], {
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
    if (essential) shutdown(code ?? 1);
    else if (code !== 0 && !stopping) console.log(prefix('failed (see above); the rest of the stack keeps running'));
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
  run('api', 'apps/api/src/main.ts', { EVENTSTORE_URL: eventStoreUrl }, (line) => {
    const apiUrl = /listening on (http:\/\/[\w.:-]+)/.exec(line)?.[1];
    if (apiUrl !== undefined) loadDemoData(apiUrl, eventStoreUrl);
  });
  run('projector', 'apps/projector/src/main.ts', { EVENTSTORE_URL: eventStoreUrl }, undefined, { nodeFlags: projectorFlags });
});

let demoStarted = false;
function loadDemoData(apiUrl, eventStoreUrl) {
  if (demoStarted) return;
  demoStarted = true;
  if (/^(off|false|no|0)$/i.test(process.env.DEMO_DATA ?? '')) {
    console.log(`[demo] not loaded (DEMO_DATA=${process.env.DEMO_DATA})`);
    return;
  }
  const devKeys = !process.env.API_KEYS && process.env.NODE_ENV !== 'production';
  if (!devKeys && !process.env.DEMO_WRITER_KEY) {
    console.log('[demo] not loaded: the API is not using the development keys (set DEMO_WRITER_KEY and DEMO_ANALYST_KEY, or DEMO_DATA=off)');
    return;
  }
  // EVENTSTORE_URL too: after the load it refits the lifetime-value model with the projector's command line.
  run('demo', 'scripts/demo/load-demo.ts', { DEMO_API_URL: apiUrl, EVENTSTORE_URL: eventStoreUrl }, undefined, { essential: false });
}
