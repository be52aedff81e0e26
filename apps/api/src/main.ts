import { Logger } from '@nestjs/common';
import { ensureDatabase, turnOffPretenuring } from '@ledgerline/config';
import { describeConfig, loadApiConfig } from './config/api-config';
import { DEV_API_KEYS } from './config/dev-api-keys';
import { createApp } from './create-app';

async function main(): Promise<void> {
  turnOffPretenuring();
  const logger = new Logger('api');
  const useDevKeys = !process.env.API_KEYS && process.env.NODE_ENV !== 'production';
  const config = loadApiConfig(useDevKeys ? { ...process.env, API_KEYS: DEV_API_KEYS } : process.env);
  if (useDevKeys) {
    logger.warn('API_KEYS is not set: using the development keys (apps/api/src/config/dev-api-keys.ts):');
    for (const [key, { name, scopes }] of Object.entries(JSON.parse(DEV_API_KEYS) as Record<string, { name: string; scopes: string[] }>)) {
      logger.warn(`  Authorization: Bearer ${key}   (${name}: ${scopes.join(', ')})`);
    }
  }
  // The read models' database; the command side does not need it to serve, so a failure is reported, not fatal.
  await ensureDatabase(config.databaseUrl).catch((error: unknown) =>
    logger.warn(`could not make sure the database exists: ${error instanceof Error ? error.message : String(error)}`),
  );
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  logger.log(`listening on http://127.0.0.1:${config.port} (${describeConfig(config)})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
