import type { ServerWritableStream } from '@grpc/grpc-js';
import type { EventStore } from '../storage/event-store';
import { LOG_START } from '../storage/log-file';
import { eventFilterFrom, EventFilter } from './event-filter';
import type { HeadWatch } from './head-watch';
import { streams } from './protocol';
import { encodeEventResp, encodeStreamNotFoundResp, UuidForm } from './read-resp-encoder';
import { ResponseSink } from './response-sink';
import { invalidArgument, invalidPosition, streamDeleted } from './rpc-errors';
import { streamNameOf } from './stream-name';
import { AllFrom, subscribeToAll, subscribeToStream } from './subscriptions';
import { failWith } from './fail-with';

type ReadOptions = streams.ReadReq.Options;

/** Streams.Read: reads of a stream or of `$all`, and catch-up subscriptions to either. */
export function readHandler(store: EventStore, headWatch: HeadWatch) {
  return async (call: ServerWritableStream<streams.ReadReq, Buffer>): Promise<void> => {
    const sink = new ResponseSink(call);
    try {
      const options = call.request.getOptions();
      if (!options) throw invalidArgument('Read options are required.');
      const uuidForm: UuidForm = options.getUuidOption()?.hasStructured() ? 'structured' : 'string';
      const filter = options.hasFilter() ? eventFilterFrom(options.getFilter()!) : undefined;
      const subscription = options.hasSubscription();
      const backwards = options.getReadDirection() === streams.ReadReq.Options.ReadDirection.BACKWARDS;

      if (options.hasStream()) {
        const stream = streamNameOf(options.getStream()!.getStreamIdentifier());
        const from = streamRevision(options.getStream()!);
        if (subscription) await subscribeToStream(store, headWatch, sink, stream, from, uuidForm);
        else await readStream(store, sink, stream, from, backwards, countOf(options), uuidForm);
      } else if (options.hasAll()) {
        const from = allPosition(options.getAll()!);
        if (subscription) await subscribeToAll(store, headWatch, sink, from, filter, uuidForm);
        else await readAll(store, sink, positionOf(from, store.head), backwards, countOf(options), filter, uuidForm);
      } else {
        throw invalidArgument('A read needs a stream or $all.');
      }
      sink.end();
    } catch (error) {
      failWith(sink, error);
    }
  };
}

async function readStream(
  store: EventStore,
  sink: ResponseSink,
  stream: string,
  from: number | 'start' | 'end',
  backwards: boolean,
  maxCount: number,
  uuidForm: UuidForm,
): Promise<void> {
  const read = store.readStream(stream, from, backwards ? 'backwards' : 'forwards', maxCount);
  if (read.kind === 'deleted') throw streamDeleted(stream);
  if (read.kind === 'not-found') return sink.send(encodeStreamNotFoundResp(stream));
  for (const record of read.records) {
    if (sink.cancelled) return;
    await sink.send(encodeEventResp(record, uuidForm, true));
  }
}

async function readAll(
  store: EventStore,
  sink: ResponseSink,
  from: number,
  backwards: boolean,
  maxCount: number,
  filter: EventFilter | undefined,
  uuidForm: UuidForm,
): Promise<void> {
  const head = store.head;
  if (from > head) {
    if (backwards) from = head;
    else return;
  }
  if (!store.isRecordBoundary(from)) throw invalidPosition();
  const records = backwards ? store.readAllBackwards(from) : store.readAllForwards(from, head);
  let sent = 0;
  for (const record of records) {
    if (sent >= maxCount || sink.cancelled) return;
    if (filter && !filter.matches(record)) continue;
    sent++;
    await sink.send(encodeEventResp(record, uuidForm, true));
  }
}

function streamRevision(options: streams.ReadReq.Options.StreamOptions): number | 'start' | 'end' {
  if (options.hasRevision()) return Number(options.getRevision());
  if (options.hasEnd()) return 'end';
  return 'start';
}

function allPosition(options: streams.ReadReq.Options.AllOptions): AllFrom {
  if (options.hasPosition()) return Number(options.getPosition()!.getCommitPosition());
  if (options.hasEnd()) return 'end';
  return 'start';
}

/** Where a read of `$all` starts; EventStoreDB's Position.Start (0, 0) is the start of the log. */
function positionOf(from: AllFrom, head: number): number {
  if (from === 'start') return LOG_START;
  if (from === 'end') return head;
  return Math.max(LOG_START, from);
}

function countOf(options: ReadOptions): number {
  const count = Number(options.getCount());
  return Number.isFinite(count) ? count : Number.MAX_SAFE_INTEGER;
}
