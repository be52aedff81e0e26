import type { ServerDuplexStream } from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import type { EventStore } from '../storage/event-store';
import type { ExpectedRevision } from '../storage/expected-revision';
import {
  badRequestStatus,
  internalErrorStatus,
  maximumAppendSizeExceededStatus,
  streamDeletedStatus,
  timeoutStatus,
  wrongExpectedVersionStatus,
} from './batch-append-status';
import { expectedRevisionOf } from './expected-revision';
import { isRpcError } from './fail-with';
import { shared, status, streams } from './protocol';
import { MAX_APPEND_SIZE, ProposedEvents } from './proposed-events';
import { streamNameOf } from './stream-name';
import { uuidToBytes } from './uuid';

type Call = ServerDuplexStream<streams.BatchAppendReq, streams.BatchAppendResp>;

interface PendingWrite {
  options: streams.BatchAppendReq.Options;
  proposed: ProposedEvents;
}

/**
 * Streams.BatchAppend: one long-lived stream carrying many appends, each identified by a
 * correlation id and possibly split over several messages until `is_final`. Appends are decided
 * in the order their final message arrives; answers go back as each becomes durable.
 */
export function batchAppendHandler(store: EventStore) {
  return (call: Call): void => {
    const pending = new Map<string, PendingWrite>();
    let inFlight = 0;
    let ended = false;
    const finishIfDone = () => {
      if (ended && inFlight === 0) call.end();
    };

    call.on('data', (request: streams.BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = uuidToBytes(correlationId)?.toString('hex');
      if (!correlationId || !key) return;
      let write = pending.get(key);
      if (request.hasOptions()) {
        write = { options: request.getOptions()!, proposed: new ProposedEvents() };
        pending.set(key, write);
      }
      if (!write) return;
      try {
        for (const message of request.getProposedMessagesList()) write.proposed.add(message);
      } catch (error) {
        pending.delete(key);
        respond(call, correlationId, write.options, errorStatus(error));
        return;
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      inFlight++;
      append(store, write)
        .then((result) => respond(call, correlationId, write.options, result))
        .catch((error) => respond(call, correlationId, write.options, errorStatus(error)))
        .finally(() => {
          inFlight--;
          finishIfDone();
        });
    });
    call.on('end', () => {
      ended = true;
      finishIfDone();
    });
    call.on('error', () => pending.clear());
  };
}

async function append(store: EventStore, write: PendingWrite): Promise<streams.BatchAppendResp.Success | status.Status> {
  const options = write.options;
  const deadline = options.getDeadline();
  if (deadline && deadline.toDate().getTime() < Date.now()) return timeoutStatus();
  const stream = streamNameOf(options.getStreamIdentifier());
  const expected = expectedOf(options);
  const result = await store.append(stream, expected, write.proposed.events);
  switch (result.kind) {
    case 'stream-deleted':
      return streamDeletedStatus(options.getStreamIdentifier()!);
    case 'wrong-expected-version':
      return wrongExpectedVersionStatus(result.currentRevision, expected);
    case 'written': {
      const success = new streams.BatchAppendResp.Success();
      if (result.lastRevision < 0) success.setNoStream(new Empty());
      else success.setCurrentRevision(String(result.lastRevision));
      if (result.position === null) success.setNoPosition(new Empty());
      else success.setPosition(new shared.AllStreamPosition().setCommitPosition(String(result.position)).setPreparePosition(String(result.position)));
      return success;
    }
  }
}

function respond(
  call: Call,
  correlationId: shared.UUID,
  options: streams.BatchAppendReq.Options,
  result: streams.BatchAppendResp.Success | status.Status,
): void {
  const response = new streams.BatchAppendResp().setCorrelationId(correlationId);
  if (options.hasStreamIdentifier()) response.setStreamIdentifier(options.getStreamIdentifier());
  if (options.hasStreamPosition()) response.setStreamPosition(options.getStreamPosition());
  else if (options.hasNoStream()) response.setNoStream(new Empty());
  else if (options.hasStreamExists()) response.setStreamExists(new Empty());
  else response.setAny(new Empty());
  if (result instanceof status.Status) response.setError(result);
  else response.setSuccess(result);
  if (!call.destroyed) call.write(response);
}

function expectedOf(options: streams.BatchAppendReq.Options): ExpectedRevision {
  return expectedRevisionOf(options, options.hasStreamPosition() ? options.getStreamPosition() : undefined);
}

function errorStatus(error: unknown): status.Status {
  if (isRpcError(error)) {
    if (error.metadata.get('exception')[0] === 'maximum-append-size-exceeded') return maximumAppendSizeExceededStatus(MAX_APPEND_SIZE);
    return badRequestStatus(error.details);
  }
  console.error('eventstore: unexpected error in a batch append', error);
  return internalErrorStatus(error instanceof Error ? error.message : String(error));
}
