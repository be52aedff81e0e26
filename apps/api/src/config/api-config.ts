import { envVar, invalid, loadConfig, redactPassword, type CoreConfig, type Env } from '@ledgerline/config';
import { ApiKeyTable, parseApiKeys } from './api-keys';

export const apiVariables = {
  apiKeys: envVar<ApiKeyTable>({
    name: 'API_KEYS',
    example: '{"<key>":{"name":"checkout","scopes":["commands:write"]}}',
    parse: (text) => {
      try {
        return parseApiKeys(text);
      } catch (error) {
        return invalid((error as Error).message);
      }
    },
    // The value is a secret as a whole.
    redact: () => '***',
  }),
};

export type ApiConfig = CoreConfig & { readonly apiKeys: ApiKeyTable };

export const loadApiConfig = (env: Env = process.env): ApiConfig => loadConfig(env, apiVariables);

export const describeConfig = (config: ApiConfig): string =>
  `event store ${redactPassword(config.eventStoreUrl)}, postgres ${redactPassword(config.databaseUrl)}, redis ${redactPassword(config.redisUrl)}, ${config.apiKeys.size} API keys`;
