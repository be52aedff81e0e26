/**
 * Protobuf encoding of ReadResp (streams.proto) by hand: reads and subscriptions send one message
 * per event, and building google-protobuf objects for each costs more than the read itself.
 * Sizes are computed first, then the message is written into one buffer.
 * Field numbers follow streams.proto; the unit spec decodes every shape with the generated classes.
 */
import type { StoredRecord } from '../storage/record';
import { RecordFlags, RecordKind } from '../storage/record';
import { bytesToUuidString } from './uuid';

/** EventStoreDB's event number of a tombstone (long.MaxValue). */
const TOMBSTONE_REVISION = 0x7fffffffffffffffn;
const TICKS_PER_MS = 10_000;
const JSON_CONTENT = Buffer.from('application/json');
const BINARY_CONTENT = Buffer.from('application/octet-stream');
const KEY_TYPE = Buffer.from('type');
const KEY_CREATED = Buffer.from('created');
const KEY_CONTENT_TYPE = Buffer.from('content-type');

export type UuidForm = 'string' | 'structured';

export function encodeEventResp(record: StoredRecord, uuidForm: UuidForm, withCommitPosition: boolean): Buffer {
  const id = uuidForm === 'string' ? Buffer.from(bytesToUuidString(record.eventId), 'latin1') : undefined;
  const msb = uuidForm === 'structured' ? BigInt.asUintN(64, record.eventId.readBigInt64BE(0)) : 0n;
  const lsb = uuidForm === 'structured' ? BigInt.asUintN(64, record.eventId.readBigInt64BE(8)) : 0n;
  const stream = Buffer.from(record.stream, 'utf8');
  const type = Buffer.from(record.type, 'utf8');
  const created = Buffer.from(createdTicks(record.createdMs), 'latin1');
  const contentType = record.flags & RecordFlags.Json ? JSON_CONTENT : BINARY_CONTENT;
  const tombstone = record.kind === RecordKind.Tombstone;

  const uuidSize = id ? fieldSize(2, id.length) : fieldSize(1, 1 + bigVarintSize(msb) + 1 + bigVarintSize(lsb));
  const streamIdSize = fieldSize(3, stream.length);
  const typeEntry = fieldSize(1, KEY_TYPE.length) + fieldSize(2, type.length);
  const createdEntry = fieldSize(1, KEY_CREATED.length) + fieldSize(2, created.length);
  const contentEntry = fieldSize(1, KEY_CONTENT_TYPE.length) + fieldSize(2, contentType.length);
  const recordedSize =
    fieldSize(1, uuidSize) +
    fieldSize(2, streamIdSize) +
    1 + (tombstone ? bigVarintSize(TOMBSTONE_REVISION) : varintSize(record.revision)) +
    1 + varintSize(record.position) +
    1 + varintSize(record.position) +
    fieldSize(6, typeEntry) +
    fieldSize(6, createdEntry) +
    fieldSize(6, contentEntry) +
    fieldSize(7, record.metadata.length) +
    fieldSize(8, record.data.length);
  const readEventSize = fieldSize(1, recordedSize) + (withCommitPosition ? 1 + varintSize(record.position) : 2);

  const w = new Writer(fieldSize(1, readEventSize));
  w.header(1, readEventSize); // ReadResp.event
  w.header(1, recordedSize); // ReadEvent.event
  w.header(1, uuidSize); // RecordedEvent.id
  if (id) w.bytes(2, id);
  else w.header(1, 1 + bigVarintSize(msb) + 1 + bigVarintSize(lsb)).tag(1, 0).bigVarint(msb).tag(2, 0).bigVarint(lsb);
  w.header(2, streamIdSize).bytes(3, stream); // RecordedEvent.stream_identifier
  w.tag(3, 0); // stream_revision
  if (tombstone) w.bigVarint(TOMBSTONE_REVISION);
  else w.varint(record.revision);
  w.tag(4, 0).varint(record.position); // prepare_position
  w.tag(5, 0).varint(record.position); // commit_position
  w.header(6, typeEntry).bytes(1, KEY_TYPE).bytes(2, type);
  w.header(6, createdEntry).bytes(1, KEY_CREATED).bytes(2, created);
  w.header(6, contentEntry).bytes(1, KEY_CONTENT_TYPE).bytes(2, contentType);
  w.bytes(7, record.metadata);
  w.bytes(8, record.data);
  if (withCommitPosition) w.tag(3, 0).varint(record.position); // ReadEvent.commit_position
  else w.header(4, 0); // ReadEvent.no_position
  return w.done();
}

export function encodeConfirmationResp(subscriptionId: string): Buffer {
  const id = Buffer.from(subscriptionId, 'utf8');
  const inner = fieldSize(1, id.length);
  return new Writer(fieldSize(2, inner)).header(2, inner).bytes(1, id).done();
}

export function encodeCheckpointResp(position: number): Buffer {
  const inner = 2 + 2 * varintSize(position);
  return new Writer(fieldSize(3, inner)).header(3, inner).tag(1, 0).varint(position).tag(2, 0).varint(position).done();
}

export function encodeStreamNotFoundResp(stream: string): Buffer {
  const name = Buffer.from(stream, 'utf8');
  const identifier = fieldSize(3, name.length);
  const inner = fieldSize(1, identifier);
  return new Writer(fieldSize(4, inner)).header(4, inner).header(1, identifier).bytes(3, name).done();
}

export function encodeCaughtUpResp(): Buffer {
  return new Writer(2).header(8, 0).done();
}

/** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB sends `created`. */
function createdTicks(createdMs: number): string {
  const ms = Math.round(createdMs);
  return ms === 0 ? '0' : `${ms}${'0'.repeat(Math.log10(TICKS_PER_MS))}`;
}

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    size++;
  }
  return size;
}

function bigVarintSize(value: bigint): number {
  let size = 1;
  while (value >= 0x80n) {
    value >>= 7n;
    size++;
  }
  return size;
}

/** Size of a length-delimited field: tag, length, payload (field numbers here are all < 16). */
function fieldSize(_field: number, length: number): number {
  return 1 + varintSize(length) + length;
}

/** Writes protobuf fields into a buffer sized in advance. */
class Writer {
  private readonly buffer: Buffer;
  private at = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  tag(field: number, wireType: number): this {
    this.buffer[this.at++] = field * 8 + wireType;
    return this;
  }

  /** The tag and length of a length-delimited field whose payload follows. */
  header(field: number, length: number): this {
    return this.tag(field, 2).varint(length);
  }

  bytes(field: number, value: Uint8Array): this {
    this.header(field, value.length);
    this.buffer.set(value, this.at);
    this.at += value.length;
    return this;
  }

  varint(value: number): this {
    while (value >= 0x80) {
      this.buffer[this.at++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.at++] = value;
    return this;
  }

  bigVarint(value: bigint): this {
    while (value >= 0x80n) {
      this.buffer[this.at++] = Number(value & 0x7fn) | 0x80;
      value >>= 7n;
    }
    this.buffer[this.at++] = Number(value);
    return this;
  }

  done(): Buffer {
    if (this.at !== this.buffer.length) throw new Error(`ReadResp encoding wrote ${this.at} of ${this.buffer.length} bytes`);
    return this.buffer;
  }
}
