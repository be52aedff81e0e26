export { loadConfig, coreVariables, type CoreConfig } from './config';
export {
  readEnv,
  invalid,
  ConfigError,
  InvalidValueError,
  type ConfigProblem,
  type Env,
  type EnvSpec,
  type EnvValues,
  type EnvVar,
} from './env-var';
export { envVar, integerVar, type IntegerOptions } from './variables';
export { parseEventStoreUrl, parsePostgresUrl, parseRedisUrl, postgresDatabaseName, redactPassword } from './connection-strings';
export { ensureDatabase, connectToMaintenanceDatabase } from './ensure-database';
export { turnOffPretenuring } from './pretenuring';
