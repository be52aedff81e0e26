export { loadServerConfig, type ServerConfig } from './config';
export { startEventStoreServer, type RunningServer } from './server';
