import { LogFile, LOG_START } from './log-file';
import { announcedRecordSize, checkedRecordSize, FRAME_PREFIX, MAX_BODY_SIZE, RecordFlags } from './record';

const CHUNK = 16 * 1024 * 1024;

/**
 * Walks the log forwards from its start, checking every record, and calls `onRecord` for each record
 * of each complete transaction. Returns where the intact log ends: after the last record that closes
 * a transaction. Anything beyond (a torn write, garbage, a transaction cut short) was never acknowledged.
 */
export function scanLog(
  log: LogFile,
  onRecord: (buffer: Buffer, offset: number, position: number) => void,
): number {
  const end = log.writeHead;
  let position = LOG_START;
  let committedEnd = LOG_START;
  let pending: number[] = [];
  let buffer = Buffer.allocUnsafe(CHUNK);
  let chunkStart = -1;
  let chunkLength = 0;

  while (position < end) {
    if (position + FRAME_PREFIX > chunkStart + chunkLength || chunkStart < 0) {
      ({ chunkStart, chunkLength } = load(position));
    }
    let offset = position - chunkStart;
    if (offset + FRAME_PREFIX > chunkLength) break;
    const announced = announcedRecordSize(buffer, offset);
    if (announced > MAX_BODY_SIZE + 16 || position + announced > end) break;
    if (offset + announced > chunkLength) {
      if (announced > buffer.length) buffer = Buffer.allocUnsafe(announced);
      ({ chunkStart, chunkLength } = load(position));
      offset = 0;
    }
    const size = checkedRecordSize(buffer.subarray(0, chunkLength), offset);
    if (size === 0) break;
    const flags = buffer.readUInt8(offset + FRAME_PREFIX + 1);
    pending.push(position);
    if (flags & RecordFlags.TransactionEnd) {
      // A transaction may span chunks only if its records were delivered before the reload;
      // replay the pending ones from their own positions when that happened.
      for (const recordPosition of pending) {
        if (recordPosition >= chunkStart) onRecord(buffer, recordPosition - chunkStart, recordPosition);
        else replayOne(recordPosition);
      }
      pending = [];
      committedEnd = position + size;
    }
    position += size;
  }
  return committedEnd;

  function load(from: number): { chunkStart: number; chunkLength: number } {
    const length = Math.min(buffer.length, end - from);
    const read = log.read(from, length, buffer);
    return { chunkStart: from, chunkLength: read.length };
  }

  function replayOne(recordPosition: number): void {
    const prefix = log.read(recordPosition, FRAME_PREFIX);
    const size = announcedRecordSize(prefix, 0);
    onRecord(log.read(recordPosition, size), 0, recordPosition);
  }
}
