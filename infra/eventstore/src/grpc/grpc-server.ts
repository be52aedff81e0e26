import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { EventStore } from '../storage/event-store';
import { appendHandler } from './append-handler';
import { batchAppendHandler } from './batch-append-handler';
import { deleteHandler, tombstoneHandler } from './delete-handlers';
import { gossipHandler } from './gossip';
import { HeadWatch } from './head-watch';
import { GossipService, ServerFeaturesService, StreamsService } from './protocol';
import { readHandler } from './read-handler';
import { getSupportedMethods } from './server-features';

export interface ListenOptions {
  host: string;
  port: number;
}

/**
 * The gRPC services of an EventStoreDB node that this server implements. Services it does not
 * serve (persistent subscriptions, projections, users, operations) answer UNIMPLEMENTED, as a node
 * without those subsystems does, and are left out of GetSupportedMethods.
 */
export async function startGrpcServer(store: EventStore, options: ListenOptions): Promise<{ server: Server; port: number }> {
  const server = new Server({
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.max_send_message_length': 64 * 1024 * 1024,
  });
  const headWatch = new HeadWatch(store);
  // Read responses are encoded by hand (read-resp-encoder.ts): the handler writes ready bytes.
  const streamsService = { ...StreamsService, read: { ...StreamsService.read, responseSerialize: (bytes: Buffer) => bytes } };
  let boundPort = options.port;
  server.addService(streamsService, {
    read: readHandler(store, headWatch),
    append: appendHandler(store),
    batchAppend: batchAppendHandler(store),
    delete: deleteHandler(store),
    tombstone: tombstoneHandler(store),
  });
  server.addService(ServerFeaturesService, { getSupportedMethods });
  server.addService(GossipService, { read: gossipHandler(() => ({ host: options.host, port: boundPort })) });

  boundPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${options.host}:${options.port}`, ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  return { server, port: boundPort };
}
