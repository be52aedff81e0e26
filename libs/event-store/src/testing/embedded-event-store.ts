import { RunningEventStore, startEventStore } from '@ledgerline/testing';
import { createEventStoreClient, type EventStoreClient } from '../client';

/** The embedded server in a child process and a client of it, for this library's int specs. */
export interface EmbeddedEventStore {
  readonly server: RunningEventStore;
  readonly client: EventStoreClient;
  /** Closes the client, stops the server and removes its data folder. */
  stop(): Promise<void>;
}

export async function startEmbeddedEventStore(): Promise<EmbeddedEventStore> {
  const server = await startEventStore();
  const client = createEventStoreClient(server.url);
  return {
    server,
    client,
    async stop() {
      await client.dispose();
      await server.stop();
      await server.cleanup();
    },
  };
}
