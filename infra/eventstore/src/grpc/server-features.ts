import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { serverFeatures, shared } from './protocol';

/** The EventStoreDB version this server behaves as; the client picks its code paths from it. */
export const SERVER_VERSION = '24.10.0';

/** Every method served, so the client takes the same paths as against a production node. */
export const SUPPORTED_METHODS: Array<{ service: string; method: string; features?: string[] }> = [
  { service: 'event_store.client.streams.Streams', method: 'Read' },
  { service: 'event_store.client.streams.Streams', method: 'Append' },
  { service: 'event_store.client.streams.Streams', method: 'BatchAppend' },
  { service: 'event_store.client.streams.Streams', method: 'Delete' },
  { service: 'event_store.client.streams.Streams', method: 'Tombstone' },
  { service: 'event_store.client.server_features.ServerFeatures', method: 'GetSupportedMethods' },
  { service: 'event_store.client.gossip.Gossip', method: 'Read' },
];

export function getSupportedMethods(
  _call: ServerUnaryCall<shared.Empty, serverFeatures.SupportedMethods>,
  callback: sendUnaryData<serverFeatures.SupportedMethods>,
): void {
  const answer = new serverFeatures.SupportedMethods().setEventStoreServerVersion(SERVER_VERSION);
  for (const { service, method, features = [] } of SUPPORTED_METHODS) {
    answer.addMethods(new serverFeatures.SupportedMethod().setServiceName(service).setMethodName(method).setFeaturesList(features));
  }
  callback(null, answer);
}
