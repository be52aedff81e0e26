import { randomUUID } from 'node:crypto';
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { gossip, shared } from './protocol';

/** Gossip.Read for `esdb+discover://` connection strings: a cluster of one node, the leader. */
export function gossipHandler(endpoint: () => { host: string; port: number }) {
  const instanceId = new shared.UUID().setString(randomUUID());
  return (_call: ServerUnaryCall<shared.Empty, gossip.ClusterInfo>, callback: sendUnaryData<gossip.ClusterInfo>): void => {
    const { host, port } = endpoint();
    const member = new gossip.MemberInfo()
      .setInstanceId(instanceId)
      .setTimeStamp(String(BigInt(Date.now()) * 10_000n))
      .setState(gossip.MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(new gossip.EndPoint().setAddress(host).setPort(port));
    callback(null, new gossip.ClusterInfo().setMembersList([member]));
  };
}
