import { loadServerConfig } from './config';
import { startEventStoreServer } from './server';

async function main(): Promise<void> {
  const config = loadServerConfig();
  const server = await startEventStoreServer(config);
  const { events, streams, tornBytes, millis } = server.stats;
  console.log(
    `eventstore: opened ${config.dataDir}: ${events} events in ${streams} streams in ${millis} ms` +
      (tornBytes > 0 ? `; cut a torn tail of ${tornBytes} bytes` : ''),
  );
  console.log(`eventstore listening on ${config.host}:${server.port} (connect with esdb://${config.host}:${server.port}?tls=false)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`eventstore: ${signal} received, shutting down`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(`eventstore: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
