import { EventStoreDBClient } from '@eventstore/db-client';

/** Key of the underlying client: this library's files use it, nothing outside does. */
export const NATIVE: unique symbol = Symbol('EventStoreDBClient');

/** A connection to EventStoreDB (or the embedded server); pass it to appendEvents, readStreamEvents, … */
export interface EventStoreClient {
  readonly [NATIVE]: EventStoreDBClient;
  /** Closes the connection; calls still running fail. */
  dispose(): Promise<void>;
}

/** Connects lazily (on first use) from an EVENTSTORE_URL such as esdb://127.0.0.1:2113?tls=false. */
export function createEventStoreClient(connectionString: string): EventStoreClient {
  const native = EventStoreDBClient.connectionString(connectionString);
  return { [NATIVE]: native, dispose: () => native.dispose() };
}

export const disposeEventStoreClient = (client: EventStoreClient): Promise<void> => client.dispose();

export const nativeClient = (client: EventStoreClient): EventStoreDBClient => client[NATIVE];
