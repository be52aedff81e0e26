/**
 * The gRPC contract, exactly as the official client ships it: message classes and service
 * definitions generated from EventStoreDB's .proto files (inside @eventstore/db-client).
 */
export * as streams from '@eventstore/db-client/generated/streams_pb';
export * as shared from '@eventstore/db-client/generated/shared_pb';
export * as status from '@eventstore/db-client/generated/status_pb';
export * as serverFeatures from '@eventstore/db-client/generated/serverfeatures_pb';
export * as gossip from '@eventstore/db-client/generated/gossip_pb';
export { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
export { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
export { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
