import { invalid } from './env-var';

/** Replaces the password of `scheme://user:password@host` with ***, even in a value that does not parse. */
export const redactPassword = (text: string): string => text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@]*@/i, '$1***@');

const ESDB = /^(esdb|esdb\+discover):\/\/(?:[^@/?#]*@)?([^/?#]*)\/?(?:\?[^#]*)?$/i;
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d+))?$/i;

/**
 * An EventStoreDB connection string. Not a WHATWG URL: a cluster lists several hosts separated by
 * commas (esdb://node1:2113,node2:2113,node3:2113?tls=true), so hosts are checked one by one.
 */
export function parseEventStoreUrl(text: string): string {
  if (!/^esdb(\+discover)?:\/\//i.test(text)) return invalid('must be an EventStoreDB connection string starting with esdb:// or esdb+discover://');
  const match = ESDB.exec(text);
  if (!match) return invalid('is not a valid EventStoreDB connection string');
  const hosts = match[2].split(',');
  if (hosts.some((host) => host === '')) return invalid('must name at least one host, with no empty entry between commas');
  for (const host of hosts) {
    const hostMatch = HOST_PORT.exec(host);
    if (!hostMatch) return invalid(`has an invalid host "${host}"`);
    if (hostMatch[2] !== undefined) checkPort(hostMatch[2]);
  }
  return text;
}

/** A PostgreSQL URL that names its database (ensureDatabase creates it when missing). */
export function parsePostgresUrl(text: string): string {
  const url = parseUrl(text, ['postgres:', 'postgresql:'], 'postgres:// or postgresql://');
  postgresDatabaseName(url);
  return text;
}

/** The database named by a PostgreSQL URL's path; throws InvalidValueError when there is none. */
export function postgresDatabaseName(url: URL): string {
  const path = url.pathname.replace(/^\//, '');
  let name: string;
  try {
    name = decodeURIComponent(path);
  } catch {
    return invalid('has a database name that is not valid percent-encoding');
  }
  if (name === '') return invalid('must name a database in its path');
  if (path.includes('/')) return invalid('must name a single database in its path');
  if (name.includes('\0')) return invalid('has a database name containing a NUL character');
  // PostgreSQL silently truncates identifiers to 63 bytes: the database created would not be the one named.
  if (Buffer.byteLength(name) > 63) return invalid('names a database longer than 63 bytes, the PostgreSQL limit');
  return name;
}

export function parseRedisUrl(text: string): string {
  const url = parseUrl(text, ['redis:', 'rediss:'], 'redis:// or rediss://');
  if (url.hostname === '') return invalid('must name a host');
  if (!/^\/?(\d+)?$/.test(url.pathname)) return invalid('may only have a database number as its path, as in redis://host:6379/0');
  return text;
}

function parseUrl(text: string, protocols: readonly string[], expected: string): URL {
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(text)?.[1].toLowerCase();
  if (scheme === undefined || !protocols.includes(scheme)) return invalid(`must be a URL starting with ${expected}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('is not a valid URL (check the port and any special characters, which must be percent-encoded)');
  }
  if (url.port !== '') checkPort(url.port);
  return url;
}

function checkPort(port: string): void {
  const value = Number(port);
  if (!/^\d+$/.test(port) || value < 1 || value > 65535) invalid(`has an invalid port ${port} (must be 1 to 65535)`);
}
