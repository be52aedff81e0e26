/**
 * Protobuf encoding of ReadResp (streams.proto) by hand: reads and subscriptions send one message
 * per event, and building google-protobuf objects for each costs more than the read itself.
 * Field numbers follow streams.proto; the unit spec decodes every shape with the generated classes.
 */
import type { StoredRecord } from '../storage/record';
import { RecordFlags, RecordKind } from '../storage/record';
import { bytesToUuidString } from './uuid';

/** EventStoreDB's event number of a tombstone (long.MaxValue). */
const TOMBSTONE_REVISION = 0x7fffffffffffffffn;
const TICKS_PER_MS = 10_000n;

export type UuidForm = 'string' | 'structured';

export function encodeEventResp(record: StoredRecord, uuidForm: UuidForm, withCommitPosition: boolean): Buffer {
  const recorded = encodeRecordedEvent(record, uuidForm);
  const readEvent = new Writer();
  readEvent.bytes(1, recorded);
  if (withCommitPosition) readEvent.uint64(3, record.position);
  else readEvent.bytes(4, EMPTY);
  return new Writer().bytes(1, readEvent.finish()).finish();
}

export function encodeConfirmationResp(subscriptionId: string): Buffer {
  return new Writer().bytes(2, new Writer().string(1, subscriptionId).finish()).finish();
}

export function encodeCheckpointResp(position: number): Buffer {
  return new Writer().bytes(3, new Writer().uint64(1, position).uint64(2, position).finish()).finish();
}

export function encodeStreamNotFoundResp(stream: string): Buffer {
  const identifier = new Writer().bytes(3, Buffer.from(stream, 'utf8')).finish();
  return new Writer().bytes(4, new Writer().bytes(1, identifier).finish()).finish();
}

export function encodeCaughtUpResp(): Buffer {
  return new Writer().bytes(8, EMPTY).finish();
}

function encodeRecordedEvent(record: StoredRecord, uuidForm: UuidForm): Buffer {
  const w = new Writer();
  w.bytes(1, encodeUuid(record.eventId, uuidForm));
  w.bytes(2, new Writer().bytes(3, Buffer.from(record.stream, 'utf8')).finish());
  if (record.kind === RecordKind.Tombstone) w.bigUint64(3, TOMBSTONE_REVISION);
  else w.uint64(3, record.revision);
  w.uint64(4, record.position);
  w.uint64(5, record.position);
  w.bytes(6, mapEntry('type', record.type));
  w.bytes(6, mapEntry('created', (BigInt(Math.round(record.createdMs)) * TICKS_PER_MS).toString()));
  w.bytes(6, mapEntry('content-type', record.flags & RecordFlags.Json ? 'application/json' : 'application/octet-stream'));
  w.bytes(7, record.metadata);
  w.bytes(8, record.data);
  return w.finish();
}

function encodeUuid(id: Buffer, form: UuidForm): Buffer {
  if (form === 'string') return new Writer().string(2, bytesToUuidString(id)).finish();
  const structured = new Writer().bigInt64(1, id.readBigInt64BE(0)).bigInt64(2, id.readBigInt64BE(8)).finish();
  return new Writer().bytes(1, structured).finish();
}

function mapEntry(key: string, value: string): Buffer {
  return new Writer().string(1, key).string(2, value).finish();
}

const EMPTY = Buffer.alloc(0);

/** A minimal protobuf writer: varints and length-delimited fields, which is all ReadResp needs. */
class Writer {
  private readonly parts: Buffer[] = [];
  private length = 0;

  uint64(field: number, value: number): this {
    return this.tag(field, 0).varint(value);
  }

  bigUint64(field: number, value: bigint): this {
    return this.tag(field, 0).bigVarint(value);
  }

  /** int64 on the wire: negative values as their 64-bit two's complement. */
  bigInt64(field: number, value: bigint): this {
    return this.tag(field, 0).bigVarint(BigInt.asUintN(64, value));
  }

  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2).varint(value.length);
    this.push(Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.length));
    return this;
  }

  finish(): Buffer {
    return this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.length);
  }

  private tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  private varint(value: number): this {
    const bytes: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
    this.push(Buffer.from(bytes));
    return this;
  }

  private bigVarint(value: bigint): this {
    const bytes: number[] = [];
    let rest = value;
    while (rest >= 0x80n) {
      bytes.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    bytes.push(Number(rest));
    this.push(Buffer.from(bytes));
    return this;
  }

  private push(part: Buffer): void {
    this.parts.push(part);
    this.length += part.length;
  }
}
