import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { EventStore, WriteResult } from '../storage/event-store';
import { ExpectedRevision, expectedVersionNumber } from '../storage/expected-revision';
import { expectedRevisionOf } from './expected-revision';
import { isRpcError } from './fail-with';
import { shared, streams } from './protocol';
import { internal, invalidArgument, streamDeleted, wrongExpectedVersion } from './rpc-errors';
import { streamNameOf } from './stream-name';

type DeleteOptions = streams.DeleteReq.Options | streams.TombstoneReq.Options;

/** Streams.Delete (soft delete) and Streams.Tombstone (hard delete). */
export function deleteHandler(store: EventStore) {
  return (call: ServerUnaryCall<streams.DeleteReq, streams.DeleteResp>, callback: sendUnaryData<streams.DeleteResp>) =>
    runDelete(call.request.getOptions(), 'Delete', (stream, expected) => store.deleteStream(stream, expected))
      .then((position) => callback(null, withPosition(new streams.DeleteResp(), streams.DeleteResp.Position, position)))
      .catch((error) => callback(isRpcError(error) ? error : internal(error)));
}

export function tombstoneHandler(store: EventStore) {
  return (call: ServerUnaryCall<streams.TombstoneReq, streams.TombstoneResp>, callback: sendUnaryData<streams.TombstoneResp>) =>
    runDelete(call.request.getOptions(), 'Delete', (stream, expected) => store.tombstoneStream(stream, expected))
      .then((position) => callback(null, withPosition(new streams.TombstoneResp(), streams.TombstoneResp.Position, position)))
      .catch((error) => callback(isRpcError(error) ? error : internal(error)));
}

async function runDelete(
  options: DeleteOptions | undefined,
  operation: string,
  remove: (stream: string, expected: ExpectedRevision) => Promise<WriteResult>,
): Promise<number | null> {
  if (!options) throw invalidArgument('Delete options are required.');
  const stream = streamNameOf(options.getStreamIdentifier());
  const expected = expectedRevisionOf(options, options.hasRevision() ? options.getRevision() : undefined);
  const result = await remove(stream, expected);
  if (result.kind === 'stream-deleted') throw streamDeleted(stream);
  if (result.kind === 'wrong-expected-version') {
    throw wrongExpectedVersion(operation, stream, expectedVersionNumber(expected), result.currentRevision);
  }
  return result.position;
}

interface PositionMessage {
  setCommitPosition(value: string): unknown;
  setPreparePosition(value: string): unknown;
}

function withPosition<R extends { setPosition(p: never): R; setNoPosition(e: shared.Empty): R }>(
  response: R,
  Position: new () => PositionMessage,
  position: number | null,
): R {
  if (position === null) return response.setNoPosition(new shared.Empty());
  const message = new Position();
  message.setCommitPosition(String(position));
  message.setPreparePosition(String(position));
  return response.setPosition(message as never);
}
