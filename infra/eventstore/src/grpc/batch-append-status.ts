import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import type { Message } from 'google-protobuf';
import { ExpectedRevision } from '../storage/expected-revision';
import { shared, status } from './protocol';

/** google.rpc.Code values used by EventStoreDB's BatchAppend errors (Status.cs). */
const Code = { UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6, INTERNAL: 13 } as const;

function statusOf(code: number, message: string, detail: Message, typeName: string): status.Status {
  const details = new Any();
  details.pack(detail.serializeBinary(), typeName);
  return new status.Status().setCode(code).setMessage(message).setDetails(details);
}

export function wrongExpectedVersionStatus(currentRevision: number, expected: ExpectedRevision): status.Status {
  const detail = new shared.WrongExpectedVersion();
  if (currentRevision < 0) detail.setCurrentNoStream(new Empty());
  else detail.setCurrentStreamRevision(String(currentRevision));
  switch (expected.kind) {
    case 'any':
      detail.setExpectedAny(new Empty());
      break;
    case 'no_stream':
      detail.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      detail.setExpectedStreamExists(new Empty());
      break;
    case 'exact':
      detail.setExpectedStreamPosition(String(expected.revision));
      break;
  }
  return statusOf(Code.ALREADY_EXISTS, 'WrongExpectedVersion', detail, 'event_store.client.WrongExpectedVersion');
}

export function streamDeletedStatus(identifier: shared.StreamIdentifier): status.Status {
  return statusOf(Code.NOT_FOUND, 'StreamDeleted', new shared.StreamDeleted().setStreamIdentifier(identifier), 'event_store.client.StreamDeleted');
}

export function maximumAppendSizeExceededStatus(maxAppendSize: number): status.Status {
  return statusOf(
    Code.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    new shared.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
    'event_store.client.MaximumAppendSizeExceeded',
  );
}

export function badRequestStatus(message: string): status.Status {
  return statusOf(Code.INVALID_ARGUMENT, 'BadRequest', new shared.BadRequest().setMessage(message), 'event_store.client.BadRequest');
}

export function timeoutStatus(): status.Status {
  return statusOf(Code.DEADLINE_EXCEEDED, 'Timeout', new shared.Timeout(), 'event_store.client.Timeout');
}

export function internalErrorStatus(message: string): status.Status {
  return statusOf(Code.INTERNAL, message, new Empty(), 'google.protobuf.Empty');
}
