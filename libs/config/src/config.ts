import { Env, EnvSpec, EnvValues, readEnv } from './env-var';
import { parseEventStoreUrl, parsePostgresUrl, parseRedisUrl, redactPassword } from './connection-strings';
import { envVar, integerVar } from './variables';

/** The variables every Ledgerline process understands. */
export const coreVariables = {
  eventStoreUrl: envVar({
    name: 'EVENTSTORE_URL',
    default: 'esdb://127.0.0.1:2113?tls=false',
    example: 'esdb://127.0.0.1:2113?tls=false',
    parse: parseEventStoreUrl,
    redact: redactPassword,
  }),
  databaseUrl: envVar({
    name: 'DATABASE_URL',
    default: 'postgres://postgres@127.0.0.1:5432/ledgerline',
    example: 'postgres://postgres@127.0.0.1:5432/ledgerline',
    parse: parsePostgresUrl,
    redact: redactPassword,
  }),
  redisUrl: envVar({
    name: 'REDIS_URL',
    default: 'redis://127.0.0.1:6379',
    example: 'redis://127.0.0.1:6379',
    parse: parseRedisUrl,
    redact: redactPassword,
  }),
  port: integerVar('PORT', { default: 3000, min: 1, max: 65535 }),
} satisfies EnvSpec;

export type CoreConfig = EnvValues<typeof coreVariables>;

/**
 * Reads and validates the core variables plus an app's own `extra` ones, reporting every bad value
 * in one ConfigError. The result is frozen.
 *
 *   const config = loadConfig(process.env, { concurrency: integerVar('WORKER_CONCURRENCY', { default: 4, min: 1 }) });
 */
export function loadConfig<Extra extends EnvSpec = Record<never, never>>(
  env: Env = process.env,
  extra?: Extra,
): CoreConfig & EnvValues<Extra> {
  const spec: EnvSpec = { ...coreVariables, ...extra };
  const names = Object.values(spec).map((variable) => variable.name);
  const clash = Object.keys(extra ?? {}).find((key) => key in coreVariables) ?? names.find((name, i) => names.indexOf(name) !== i);
  if (clash !== undefined) throw new Error(`loadConfig: "${clash}" is declared twice`);
  return readEnv(spec, env) as CoreConfig & EnvValues<Extra>;
}
