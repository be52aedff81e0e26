import type { sendUnaryData, ServerReadableStream } from '@grpc/grpc-js';
import type { EventStore } from '../storage/event-store';
import { ExpectedRevision, expectedVersionNumber } from '../storage/expected-revision';
import { expectedRevisionOf } from './expected-revision';
import { isRpcError } from './fail-with';
import { shared, streams } from './protocol';
import { ProposedEvents } from './proposed-events';
import { internal, invalidArgument, streamDeleted } from './rpc-errors';
import { streamNameOf } from './stream-name';

/** Streams.Append: the client-streaming append (options first, then one message per event). */
export function appendHandler(store: EventStore) {
  return (call: ServerReadableStream<streams.AppendReq, streams.AppendResp>, callback: sendUnaryData<streams.AppendResp>): void => {
    let options: streams.AppendReq.Options | undefined;
    const proposed = new ProposedEvents();
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      callback(isRpcError(error) ? error : internal(error));
    };

    call.on('data', (request: streams.AppendReq) => {
      if (failed) return;
      try {
        if (request.hasOptions()) options = request.getOptions();
        else if (request.hasProposedMessage()) proposed.add(request.getProposedMessage()!);
      } catch (error) {
        fail(error);
      }
    });
    call.on('error', fail);
    call.on('end', async () => {
      if (failed) return;
      try {
        if (!options) throw invalidArgument('Append options are required.');
        const stream = streamNameOf(options.getStreamIdentifier());
        const expected = expectedRevisionOf(options, options.hasRevision() ? options.getRevision() : undefined);
        const result = await store.append(stream, expected, proposed.events);
        if (result.kind === 'stream-deleted') throw streamDeleted(stream);
        callback(null, appendResponse(result, expected));
      } catch (error) {
        fail(error);
      }
    });
  };
}

function appendResponse(
  result: { kind: 'written'; lastRevision: number; position: number | null } | { kind: 'wrong-expected-version'; currentRevision: number },
  expected: ExpectedRevision,
): streams.AppendResp {
  const response = new streams.AppendResp();
  if (result.kind === 'written') {
    const success = new streams.AppendResp.Success();
    if (result.lastRevision < 0) success.setNoStream(new shared.Empty());
    else success.setCurrentRevision(String(result.lastRevision));
    if (result.position === null) success.setNoPosition(new shared.Empty());
    else success.setPosition(new streams.AppendResp.Position().setCommitPosition(String(result.position)).setPreparePosition(String(result.position)));
    return response.setSuccess(success);
  }
  const wrong = new streams.AppendResp.WrongExpectedVersion();
  if (result.currentRevision < 0) wrong.setCurrentNoStream(new shared.Empty());
  else wrong.setCurrentRevision(String(result.currentRevision));
  switch (expected.kind) {
    case 'any':
      wrong.setExpectedAny(new shared.Empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new shared.Empty());
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(new shared.Empty());
      break;
    case 'exact':
      wrong.setExpectedRevision(String(expectedVersionNumber(expected)));
      break;
  }
  return response.setWrongExpectedVersion(wrong);
}
