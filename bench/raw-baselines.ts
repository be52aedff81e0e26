/**
 * What the disk and the kernel can do on their own, as the yardstick for the event store: appending
 * event records to a plain file with fsync, and reading such a file back sequentially.
 *
 * A record is framed as [u32 data length][u32 metadata length][data][metadata] (little endian), so the
 * bytes written per event are the event's JSON data and metadata plus an 8-byte header.
 */
import { closeSync, fsyncSync, openSync, readSync, writeSync, writevSync } from 'node:fs';
import { now, secondsSince, Timed } from './timing';

const HEADER_BYTES = 8;

export function encodeRecord(data: Uint8Array, metadata: Uint8Array): Buffer {
  const record = Buffer.allocUnsafe(HEADER_BYTES + data.length + metadata.length);
  record.writeUInt32LE(data.length, 0);
  record.writeUInt32LE(metadata.length, 4);
  record.set(data, HEADER_BYTES);
  record.set(metadata, HEADER_BYTES + data.length);
  return record;
}

export interface FsyncWriteOptions {
  /** The file to append to (created or truncated). */
  file: string;
  records: readonly Buffer[];
  /** Records per write() call; each write is followed by one fsync. */
  perWrite: number;
  /** Stop early (at a whole write) once this much time has passed. */
  maxSeconds?: number;
}

/** Appends `records`, `perWrite` at a time (one writev each), with an fsync after every write. */
export function rawFsyncWrites({ file, records, perWrite, maxSeconds = Infinity }: FsyncWriteOptions): Timed {
  const fd = openSync(file, 'w');
  try {
    let written = 0;
    const start = now();
    while (written < records.length) {
      const batch = records.slice(written, written + perWrite);
      if (batch.length === 1) writeAll(fd, batch[0]);
      else writevAll(fd, batch);
      fsyncSync(fd);
      written += batch.length;
      if (secondsSince(start) >= maxSeconds) break;
    }
    return { count: written, seconds: secondsSince(start) };
  } finally {
    closeSync(fd);
  }
}

/** Writes `records` to `file` in large chunks with one fsync at the end (setup for the read baseline; not timed). */
export function writeRecordFile(file: string, records: readonly Buffer[]): void {
  const fd = openSync(file, 'w');
  try {
    for (let i = 0; i < records.length; i += 1024) writevAll(fd, records.slice(i, i + 1024));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads `file` front to back in `chunkBytes` reads, walking the record framing; count = records found. */
export function rawSequentialRead(file: string, chunkBytes = 64 * 1024): Timed {
  const start = now();
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes * 2);
    let filled = 0; // bytes in buffer not yet consumed, starting at 0
    let records = 0;
    for (;;) {
      if (buffer.length - filled < chunkBytes) throw new Error(`record larger than ${chunkBytes} bytes in ${file}`);
      const read = readSync(fd, buffer, filled, chunkBytes, null);
      if (read === 0) break;
      filled += read;
      let offset = 0;
      while (filled - offset >= HEADER_BYTES) {
        const size = HEADER_BYTES + buffer.readUInt32LE(offset) + buffer.readUInt32LE(offset + 4);
        if (filled - offset < size) break;
        offset += size;
        records++;
      }
      buffer.copy(buffer, 0, offset, filled);
      filled -= offset;
    }
    if (filled !== 0) throw new Error(`${file} ends with ${filled} bytes of a partial record`);
    return { count: records, seconds: secondsSince(start) };
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset);
}

function writevAll(fd: number, buffers: readonly Buffer[]): void {
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  const written = writevSync(fd, buffers as Buffer[]);
  // writev may write short; finish the rest with plain writes.
  if (written < total) writeAll(fd, Buffer.concat(buffers as Buffer[]).subarray(written));
}

/** Reads `file` front to back in `chunkBytes` reads without looking at its content; count = bytes read. */
export function rawSequentialReadBytes(file: string, chunkBytes = 1024 * 1024): Timed {
  const start = now();
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let bytes = 0;
    for (let read = readSync(fd, buffer, 0, chunkBytes, null); read > 0; read = readSync(fd, buffer, 0, chunkBytes, null)) bytes += read;
    return { count: bytes, seconds: secondsSince(start) };
  } finally {
    closeSync(fd);
  }
}
