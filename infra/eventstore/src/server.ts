import type { Server } from '@grpc/grpc-js';
import type { ServerConfig } from './config';
import { startGrpcServer } from './grpc/grpc-server';
import { EventStore, OpenedStats } from './storage/event-store';

export interface RunningServer {
  port: number;
  stats: OpenedStats;
  /** Stops accepting calls, lets running ones finish (briefly), and closes the log. */
  close(): Promise<void>;
}

/** Opens (and recovers) the log in `dataDir`, then serves EventStoreDB's gRPC API on it. */
export async function startEventStoreServer(config: ServerConfig): Promise<RunningServer> {
  const { store, stats } = EventStore.open(config.dataDir);
  const { server, port } = await startGrpcServer(store, config);
  return {
    port,
    stats,
    close: async () => {
      await shutdown(server);
      store.close();
    },
  };
}

function shutdown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, 2_000);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}
