/**
 * One record of the log, as it lies on disk.
 *
 *   u32 bodyLength | u32 crc32(body) | body | u32 bodyLength
 *
 * The length stands at both ends so the log can be walked backwards (reads of $all backwards).
 * The body starts with a fixed header, then the variable parts:
 *
 *   u8 kind | u8 flags | u16 reserved | f64 revision | f64 createdMs | 16 bytes event id |
 *   u16 streamLength | u16 typeLength | u32 dataLength | u32 metadataLength |
 *   stream | type | data | metadata
 */
import { crc32 } from 'node:zlib';

export enum RecordKind {
  Event = 1,
  /** A hard delete: the stream is deleted forever. */
  Tombstone = 2,
}

export const RecordFlags = {
  Json: 1,
  /** The last record of one atomic write: records after the last one with this flag are a torn write. */
  TransactionEnd: 2,
} as const;

export const FRAME_PREFIX = 8;
export const FRAME_SUFFIX = 4;
const BODY_HEADER = 1 + 1 + 2 + 8 + 8 + 16 + 2 + 2 + 4 + 4;
/** Bounds a length read from disk, so garbage is not taken for a giant record. */
export const MAX_BODY_SIZE = 64 * 1024 * 1024;

export interface NewRecord {
  kind: RecordKind;
  flags: number;
  revision: number;
  createdMs: number;
  eventId: Buffer;
  stream: string;
  type: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export interface StoredRecord extends NewRecord {
  /** Byte offset of the record in the log: its commit and prepare position. */
  position: number;
  /** Bytes the whole record takes, frame included. */
  size: number;
}

export function encodeRecord(record: NewRecord): Buffer {
  const stream = Buffer.from(record.stream, 'utf8');
  const type = Buffer.from(record.type, 'utf8');
  if (stream.length > 0xffff) throw new RangeError('stream name longer than 65535 bytes');
  if (type.length > 0xffff) throw new RangeError('event type longer than 65535 bytes');
  const bodyLength = BODY_HEADER + stream.length + type.length + record.data.length + record.metadata.length;
  const frame = Buffer.allocUnsafe(FRAME_PREFIX + bodyLength + FRAME_SUFFIX);
  frame.writeUInt32LE(bodyLength, 0);
  let at = FRAME_PREFIX;
  at = frame.writeUInt8(record.kind, at);
  at = frame.writeUInt8(record.flags, at);
  at = frame.writeUInt16LE(0, at);
  at = frame.writeDoubleLE(record.revision, at);
  at = frame.writeDoubleLE(record.createdMs, at);
  at += record.eventId.copy(frame, at, 0, 16);
  at = frame.writeUInt16LE(stream.length, at);
  at = frame.writeUInt16LE(type.length, at);
  at = frame.writeUInt32LE(record.data.length, at);
  at = frame.writeUInt32LE(record.metadata.length, at);
  at += stream.copy(frame, at);
  at += type.copy(frame, at);
  frame.set(record.data, at);
  at += record.data.length;
  frame.set(record.metadata, at);
  at += record.metadata.length;
  frame.writeUInt32LE(bodyLength, at);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_PREFIX, FRAME_PREFIX + bodyLength)), 4);
  return frame;
}

/**
 * How many bytes the record starting at `offset` of `buffer` takes, once checked whole;
 * 0 when the bytes there are not a whole, intact record (torn, garbage or not yet all in the buffer).
 */
export function checkedRecordSize(buffer: Buffer, offset: number): number {
  if (offset + FRAME_PREFIX > buffer.length) return 0;
  const bodyLength = buffer.readUInt32LE(offset);
  if (bodyLength < BODY_HEADER || bodyLength > MAX_BODY_SIZE) return 0;
  const size = FRAME_PREFIX + bodyLength + FRAME_SUFFIX;
  if (offset + size > buffer.length) return 0;
  if (buffer.readUInt32LE(offset + FRAME_PREFIX + bodyLength) !== bodyLength) return 0;
  const body = buffer.subarray(offset + FRAME_PREFIX, offset + FRAME_PREFIX + bodyLength);
  if (crc32(body) !== buffer.readUInt32LE(offset + 4)) return 0;
  return size;
}

/** The total size announced by a record's prefix, before it is checked. */
export function announcedRecordSize(buffer: Buffer, offset: number): number {
  return FRAME_PREFIX + buffer.readUInt32LE(offset) + FRAME_SUFFIX;
}

/** Decodes a record already checked by `checkedRecordSize`. Data and metadata are copies. */
export function decodeRecord(buffer: Buffer, offset: number, position: number): StoredRecord {
  const bodyLength = buffer.readUInt32LE(offset);
  let at = offset + FRAME_PREFIX;
  const kind = buffer.readUInt8(at) as RecordKind;
  const flags = buffer.readUInt8(at + 1);
  const revision = buffer.readDoubleLE(at + 4);
  const createdMs = buffer.readDoubleLE(at + 12);
  const eventId = Buffer.from(buffer.subarray(at + 20, at + 36));
  const streamLength = buffer.readUInt16LE(at + 36);
  const typeLength = buffer.readUInt16LE(at + 38);
  const dataLength = buffer.readUInt32LE(at + 40);
  const metadataLength = buffer.readUInt32LE(at + 44);
  at += BODY_HEADER;
  const stream = buffer.toString('utf8', at, at + streamLength);
  at += streamLength;
  const type = buffer.toString('utf8', at, at + typeLength);
  at += typeLength;
  const data = Buffer.from(buffer.subarray(at, at + dataLength));
  at += dataLength;
  const metadata = Buffer.from(buffer.subarray(at, at + metadataLength));
  return {
    kind,
    flags,
    revision,
    createdMs,
    eventId,
    stream,
    type,
    data,
    metadata,
    position,
    size: FRAME_PREFIX + bodyLength + FRAME_SUFFIX,
  };
}

/** The few fields the index needs, read without copying data or metadata. */
export interface RecordHead {
  kind: RecordKind;
  flags: number;
  revision: number;
  eventId: Buffer;
  stream: string;
}

export function decodeRecordHead(buffer: Buffer, offset: number): RecordHead {
  const at = offset + FRAME_PREFIX;
  const streamLength = buffer.readUInt16LE(at + 36);
  return {
    kind: buffer.readUInt8(at) as RecordKind,
    flags: buffer.readUInt8(at + 1),
    revision: buffer.readDoubleLE(at + 4),
    eventId: buffer.subarray(at + 20, at + 36),
    stream: buffer.toString('utf8', at + BODY_HEADER, at + BODY_HEADER + streamLength),
  };
}
