import path from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
}

/** The server's settings from the environment; every bad value is named with the reason. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const problems: string[] = [];
  const rawPort = env.EVENTSTORE_PORT ?? '2113';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    problems.push(`EVENTSTORE_PORT="${rawPort}" is not a port number (0-65535; 0 picks a free port), e.g. 2113`);
  }
  const dataDir = env.EVENTSTORE_DATA_DIR ?? './data/eventstore';
  if (dataDir.trim() === '') problems.push('EVENTSTORE_DATA_DIR is empty: give a folder for the event log, e.g. ./data/eventstore');
  const host = env.EVENTSTORE_HOST ?? '127.0.0.1';
  if (host.trim() === '') problems.push('EVENTSTORE_HOST is empty: give an address to listen on, e.g. 127.0.0.1');
  if (problems.length > 0) throw new Error(`Invalid event store configuration:\n- ${problems.join('\n- ')}`);
  return { host, port, dataDir: path.resolve(dataDir) };
}
