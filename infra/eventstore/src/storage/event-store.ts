import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { checkCommit, CommitDecision } from './commit-check';
import { lockDataDir } from './data-dir-lock';
import { EventIdCache } from './event-id-cache';
import type { ExpectedRevision } from './expected-revision';
import { LogFile } from './log-file';
import { isRecordBoundary, readRecordAt, recordsBackward, recordsForward } from './log-cursor';
import { scanLog } from './log-scan';
import { decodeRecordHead, encodeRecord, NewRecord, RecordFlags, RecordKind, StoredRecord } from './record';
import { StreamIndex } from './stream-index';
import {
  isMetastream,
  METADATA_EVENT_TYPE,
  metastreamOf,
  METASTREAM_METADATA,
  NO_METADATA,
  originalStreamOf,
  parseStreamMetadata,
  softDeletedMetadata,
  STREAM_DELETED_EVENT_TYPE,
  StreamMetadata,
  undeletedMetadata,
} from './stream-metadata';

export interface ProposedEvent {
  id: Buffer;
  type: string;
  isJson: boolean;
  data: Uint8Array;
  metadata: Uint8Array;
}

export type WriteResult =
  | { kind: 'written'; lastRevision: number; position: number | null }
  | { kind: 'wrong-expected-version'; currentRevision: number }
  | { kind: 'stream-deleted' };

export type StreamRead =
  | { kind: 'not-found' }
  | { kind: 'deleted' }
  | { kind: 'found'; records: Iterable<StoredRecord> };

export interface StreamWindow {
  /** First revision a reader may see, after truncation, max count and soft delete. */
  first: number;
  /** Last durable revision. */
  last: number;
  maxAgeMs?: number;
}

export interface OpenedStats {
  events: number;
  streams: number;
  tornBytes: number;
  millis: number;
}

const LOG_FILE = 'events.log';

/**
 * The storage engine: one append-only log, an in-memory index of streams rebuilt at start-up,
 * and EventStoreDB's write rules. Writes are decided and written in call order (one writer),
 * and acknowledged once fsynced; readers see only what is durable.
 */
export class EventStore {
  private readonly recentIds = new EventIdCache();
  private readonly metadataCache = new Map<string, { position: number; metadata: StreamMetadata }>();

  private constructor(
    private readonly log: LogFile,
    private readonly index: StreamIndex,
    private readonly unlock: () => void,
  ) {}

  static open(dataDir: string): { store: EventStore; stats: OpenedStats } {
    const started = Date.now();
    mkdirSync(dataDir, { recursive: true });
    const unlock = lockDataDir(dataDir);
    let log: LogFile;
    try {
      log = LogFile.open(path.join(dataDir, LOG_FILE));
    } catch (error) {
      unlock();
      throw error;
    }
    const store = new EventStore(log, new StreamIndex(), unlock);
    let events = 0;
    const intactEnd = scanLog(log, (buffer, offset, position) => {
      store.indexRecord(decodeRecordHead(buffer, offset), position);
      events++;
    });
    const tornBytes = log.writeHead - intactEnd;
    if (tornBytes > 0) log.truncate(intactEnd);
    return { store, stats: { events, streams: store.index.size, tornBytes, millis: Date.now() - started } };
  }

  /** End of the durable log: the position the next event will get, and the bound of every read. */
  get head(): number {
    return this.log.durableHead;
  }

  onDurable(listener: (head: number) => void): void {
    this.log.onDurable(listener);
  }

  close(): void {
    this.log.close();
    this.unlock();
  }

  async append(stream: string, expected: ExpectedRevision, events: ProposedEvent[]): Promise<WriteResult> {
    const decision = this.check(stream, expected, events.map((event) => event.id));
    if (decision.kind === 'idempotent') return this.acknowledgeRetry(stream, decision.lastRevision);
    if (decision.kind !== 'ok') return decision;
    if (events.length === 0) return { kind: 'written', lastRevision: decision.currentRevision, position: null };

    const createdMs = Date.now();
    const records: NewRecord[] = events.map((event, i) => ({
      kind: RecordKind.Event,
      flags: event.isJson ? RecordFlags.Json : 0,
      revision: decision.currentRevision + 1 + i,
      createdMs,
      eventId: event.id,
      stream,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    }));
    records.push(...this.undeleteRecords(stream, decision, events, createdMs));
    const positions = await this.write(records);
    return { kind: 'written', lastRevision: decision.currentRevision + events.length, position: positions[events.length - 1] };
  }

  /** Soft delete: `$tb` set to "deleted" in the stream's metadata; a later append recreates the stream. */
  async deleteStream(stream: string, expected: ExpectedRevision): Promise<WriteResult> {
    const decision = this.check(stream, expected, [randomId()]);
    if (decision.kind === 'stream-deleted' || decision.kind === 'wrong-expected-version') return decision;
    const metastream = metastreamOf(stream);
    if (this.index.lastRevision(stream) < 0 && this.index.lastRevision(metastream) < 0) {
      return { kind: 'wrong-expected-version', currentRevision: -1 };
    }
    const [position] = await this.write([metadataRecord(metastream, this.index.lastRevision(metastream) + 1, softDeletedMetadata())]);
    return { kind: 'written', lastRevision: this.index.lastRevision(stream), position };
  }

  /** Hard delete: the stream can never be written or read again. */
  async tombstoneStream(stream: string, expected: ExpectedRevision): Promise<WriteResult> {
    const decision = this.check(stream, expected, [randomId()]);
    if (decision.kind === 'stream-deleted' || decision.kind === 'wrong-expected-version') return decision;
    const [position] = await this.write([
      {
        kind: RecordKind.Tombstone,
        flags: 0,
        revision: Number.MAX_SAFE_INTEGER,
        createdMs: Date.now(),
        eventId: randomId(),
        stream,
        type: STREAM_DELETED_EVENT_TYPE,
        data: Buffer.alloc(0),
        metadata: Buffer.alloc(0),
      },
    ]);
    return { kind: 'written', lastRevision: this.index.lastRevision(stream), position };
  }

  /** What a reader may see of a stream now; `not-found` and `deleted` as EventStoreDB answers them. */
  streamWindow(stream: string): StreamWindow | 'not-found' | 'deleted' {
    const head = this.head;
    if (this.isTombstoned(stream, head)) return 'deleted';
    const last = this.index.lastVisibleRevision(stream, head);
    if (last < 0) return 'not-found';
    const metadata = this.metadataOf(stream, head);
    if (metadata.softDeleted) return 'not-found';
    const first = Math.max(
      0,
      metadata.truncateBefore ?? 0,
      metadata.maxCount !== undefined ? last - metadata.maxCount + 1 : 0,
    );
    return { first, last, maxAgeMs: metadata.maxAge !== undefined ? metadata.maxAge * 1000 : undefined };
  }

  readStream(stream: string, from: number | 'start' | 'end', direction: 'forwards' | 'backwards', maxCount: number): StreamRead {
    const window = this.streamWindow(stream);
    if (window === 'not-found' || window === 'deleted') return { kind: window };
    return { kind: 'found', records: this.streamRecords(stream, window, from, direction, maxCount) };
  }

  /** The records of a stream within `window`, from a revision in one direction, at most `maxCount` (older than `$maxAge` skipped). */
  *streamRecords(
    stream: string,
    window: StreamWindow,
    from: number | 'start' | 'end',
    direction: 'forwards' | 'backwards',
    maxCount: number,
  ): Generator<StoredRecord> {
    const positions = this.index.get(stream)!.positions;
    const oldestAllowed = window.maxAgeMs !== undefined ? Date.now() - window.maxAgeMs : -Infinity;
    const step = direction === 'forwards' ? 1 : -1;
    let revision =
      direction === 'forwards'
        ? Math.max(window.first, from === 'start' ? 0 : from === 'end' ? window.last + 1 : from)
        : Math.min(window.last, from === 'end' ? window.last : from === 'start' ? 0 : from);
    let sent = 0;
    const scratch = Buffer.allocUnsafe(4096);
    while (sent < maxCount && revision >= window.first && revision <= window.last) {
      const record = readRecordAt(this.log, positions[revision], scratch);
      if (record.createdMs >= oldestAllowed) {
        sent++;
        yield record;
      }
      revision += step;
    }
  }

  /** Records of `$all` from a position (inclusive), oldest first, up to `until` (at most the durable head). */
  readAllForwards(from: number, until = this.head): Generator<StoredRecord> {
    return recordsForward(this.log, from, Math.min(until, this.head));
  }

  /** Whether a position a client sent is where a record starts (or the head). */
  isRecordBoundary(position: number): boolean {
    return isRecordBoundary(this.log, position, this.head);
  }

  /** The position of the last durable record before `before`, or null when there is none. */
  lastPositionBefore(before: number): number | null {
    const last = recordsBackward(this.log, Math.min(before, this.head)).next();
    return last.done ? null : last.value.position;
  }

  /** Records of `$all` before a position (exclusive), newest first. */
  readAllBackwards(before: number): Generator<StoredRecord> {
    return recordsBackward(this.log, Math.min(before, this.head));
  }

  /** The tombstone record of a stream, once it is durable. */
  tombstoneOf(stream: string): StoredRecord | undefined {
    const position = this.index.get(stream)?.tombstone;
    return position != null && position < this.head ? this.readRecord(position) : undefined;
  }

  /**
   * Whether a stream is hard-deleted (before `head`). A metastream is deleted with its stream
   * (EventStoreDB's IndexReader.GetStreamLastEventNumber).
   */
  private isTombstoned(stream: string, head: number): boolean {
    const deleted = (name: string) => {
      const position = this.index.get(name)?.tombstone;
      return position != null && position < head;
    };
    return deleted(stream) || (isMetastream(stream) && deleted(originalStreamOf(stream)));
  }

  readRecord(position: number): StoredRecord {
    return readRecordAt(this.log, position);
  }

  lastVisibleRevision(stream: string): number {
    return this.index.lastVisibleRevision(stream, this.head);
  }

  private check(stream: string, expected: ExpectedRevision, eventIds: Buffer[]): CommitDecision {
    const entry = this.index.get(stream);
    const metastream = metastreamOf(stream);
    return checkCommit(
      stream,
      expected,
      eventIds,
      {
        currentRevision: this.index.lastRevision(stream),
        tombstoned: this.isTombstoned(stream, Infinity),
        softDeleted: this.metadataOf(stream, Infinity).softDeleted,
        hasMetadata: this.index.lastRevision(metastream) >= 0,
        eventIdAt: (revision) => entry && this.readRecord(entry.positions[revision]).eventId,
      },
      this.recentIds,
    );
  }

  /** A retried write is answered like the first, once the first is durable. */
  private async acknowledgeRetry(stream: string, lastRevision: number): Promise<WriteResult> {
    const position = this.index.get(stream)!.positions[lastRevision];
    await this.log.whenDurable(position + 1);
    return { kind: 'written', lastRevision, position };
  }

  /**
   * Writing to a soft-deleted stream (or to its metastream) recreates it: its metadata gets `$tb`
   * at the first new revision, so the old events stay hidden and revisions continue
   * (EventStoreDB's SoftUndeleteStream and SoftUndeleteMetastream).
   */
  private undeleteRecords(stream: string, decision: CommitDecision & { kind: 'ok' }, events: ProposedEvent[], createdMs: number): NewRecord[] {
    if (decision.softDeleted) {
      const metastream = metastreamOf(stream);
      const metadata = undeletedMetadata(this.lastEventOf(metastream)?.data, decision.currentRevision + 1);
      return [{ ...metadataRecord(metastream, this.index.lastRevision(metastream) + 1, metadata), createdMs }];
    }
    if (isMetastream(stream) && events.length > 0) {
      const original = originalStreamOf(stream);
      if (this.metadataOf(original, Infinity).softDeleted) {
        const metadata = undeletedMetadata(events[events.length - 1].data, this.index.lastRevision(original) + 1);
        return [{ ...metadataRecord(stream, decision.currentRevision + events.length + 1, metadata), createdMs }];
      }
    }
    return [];
  }

  private lastEventOf(stream: string): StoredRecord | undefined {
    const last = this.index.lastRevision(stream);
    return last < 0 ? undefined : this.readRecord(this.index.get(stream)!.positions[last]);
  }

  /** Encodes and writes records as one atomic transaction; resolves with their positions once durable. */
  private async write(records: NewRecord[]): Promise<number[]> {
    records[records.length - 1] = { ...records[records.length - 1], flags: records[records.length - 1].flags | RecordFlags.TransactionEnd };
    const frames = records.map(encodeRecord);
    const start = this.log.append(frames.length === 1 ? frames[0] : Buffer.concat(frames));
    const positions: number[] = [];
    let position = start;
    for (const [i, record] of records.entries()) {
      positions.push(position);
      this.indexRecord(record, position);
      position += frames[i].length;
    }
    await this.log.whenDurable(position);
    return positions;
  }

  private indexRecord(record: { kind: RecordKind; revision: number; eventId: Buffer; stream: string }, position: number): void {
    if (record.kind === RecordKind.Tombstone) {
      this.index.tombstone(record.stream, position);
      return;
    }
    this.index.add(record.stream, record.revision, position);
    this.recentIds.put(Buffer.from(record.eventId), { stream: record.stream, revision: record.revision });
  }

  /** The metadata in force for a stream, from the last event of its metastream before `head`. */
  private metadataOf(stream: string, head: number): StreamMetadata {
    if (isMetastream(stream)) return METASTREAM_METADATA;
    const metastream = metastreamOf(stream);
    const entry = this.index.get(metastream);
    if (!entry) return NO_METADATA;
    const last = head === Infinity ? entry.positions.length - 1 : this.index.lastVisibleRevision(metastream, head);
    if (last < 0) return NO_METADATA;
    const position = entry.positions[last];
    const cached = this.metadataCache.get(stream);
    if (cached?.position === position) return cached.metadata;
    const metadata = parseStreamMetadata(this.readRecord(position).data);
    this.metadataCache.set(stream, { position, metadata });
    return metadata;
  }
}

function metadataRecord(metastream: string, revision: number, data: Buffer): NewRecord {
  return {
    kind: RecordKind.Event,
    flags: RecordFlags.Json,
    revision,
    createdMs: Date.now(),
    eventId: randomId(),
    stream: metastream,
    type: METADATA_EVENT_TYPE,
    data,
    metadata: Buffer.alloc(0),
  };
}

function randomId(): Buffer {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
}
