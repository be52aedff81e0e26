import type { LogFile } from './log-file';
import { LOG_START } from './log-file';
import { announcedRecordSize, checkedRecordSize, decodeRecord, FRAME_PREFIX, FRAME_SUFFIX, StoredRecord } from './record';

const CHUNK = 1024 * 1024;

/** Records from `from` (a record boundary) up to `until` (exclusive), oldest first. */
export function* recordsForward(log: LogFile, from: number, until: number): Generator<StoredRecord> {
  let position = Math.max(from, LOG_START);
  let buffer = Buffer.allocUnsafe(CHUNK);
  let chunkStart = 0;
  let chunkLength = 0;
  while (position < until) {
    let offset = position - chunkStart;
    if (chunkLength === 0 || offset < 0 || offset + FRAME_PREFIX > chunkLength) {
      chunkStart = position;
      chunkLength = log.read(position, Math.min(buffer.length, until - position), buffer).length;
      offset = 0;
    }
    const size = announcedRecordSize(buffer, offset);
    if (offset + size > chunkLength) {
      if (size > buffer.length) buffer = Buffer.allocUnsafe(size);
      chunkStart = position;
      chunkLength = log.read(position, Math.min(buffer.length, until - position), buffer).length;
      offset = 0;
    }
    yield decodeRecord(buffer, offset, position);
    position += size;
  }
}

/** Records that end at or before `before` (a record boundary), newest first. */
export function* recordsBackward(log: LogFile, before: number): Generator<StoredRecord> {
  let end = before;
  let buffer = Buffer.allocUnsafe(CHUNK);
  let chunkStart = 0;
  let chunkEnd = 0;
  while (end > LOG_START) {
    if (chunkEnd === 0 || end > chunkEnd || end - FRAME_SUFFIX < chunkStart) {
      ({ chunkStart, chunkEnd } = load(end));
    }
    const bodyLength = buffer.readUInt32LE(end - FRAME_SUFFIX - chunkStart);
    const size = FRAME_PREFIX + bodyLength + FRAME_SUFFIX;
    const position = end - size;
    if (position < chunkStart) {
      if (size > buffer.length) buffer = Buffer.allocUnsafe(size);
      ({ chunkStart, chunkEnd } = load(end));
    }
    yield decodeRecord(buffer, position - chunkStart, position);
    end = position;
  }

  function load(upTo: number): { chunkStart: number; chunkEnd: number } {
    const start = Math.max(LOG_START, upTo - buffer.length);
    log.read(start, upTo - start, buffer);
    return { chunkStart: start, chunkEnd: upTo };
  }
}

/** Reads the one record at `position`. */
export function readRecordAt(log: LogFile, position: number, scratch?: Buffer): StoredRecord {
  const guess = log.read(position, 4096, scratch);
  const size = announcedRecordSize(guess, 0);
  const buffer = size <= guess.length ? guess : log.read(position, size);
  return decodeRecord(buffer, 0, position);
}

/** Whether an intact record starts at `position`: positions a client sends must be record boundaries. */
export function isRecordBoundary(log: LogFile, position: number, head: number): boolean {
  if (position === LOG_START || position === head) return true;
  if (position < LOG_START || position > head) return false;
  const prefix = log.read(position, FRAME_PREFIX);
  if (prefix.length < FRAME_PREFIX) return false;
  const size = announcedRecordSize(prefix, 0);
  if (position + size > head) return false;
  return checkedRecordSize(log.read(position, size), 0) === size;
}
