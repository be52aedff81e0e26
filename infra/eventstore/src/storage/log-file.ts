import { closeSync, fdatasync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';

const MAGIC = Buffer.from('LEDGERLINE-LOG\0\x01', 'latin1');
/** Where the first record starts; positions are byte offsets, so they start here. */
export const LOG_START = MAGIC.length;

/**
 * The append-only log file, with group commit: writes go to the page cache at once, and one
 * fdatasync makes every write before it durable; callers wait for the durable head to pass them.
 * Readers must never look past `durableHead`: beyond it lie writes not yet acknowledged.
 */
export class LogFile {
  private syncing = false;
  private waiters: Array<{ target: number; resolve: () => void }> = [];
  private durableListeners: Array<(head: number) => void> = [];

  private constructor(
    private readonly fd: number,
    /** End of everything written (page cache). */
    private head: number,
    /** End of everything known to be on disk. */
    private durable: number,
  ) {}

  static open(filePath: string): LogFile {
    let fd: number;
    try {
      fd = openSync(filePath, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fd = openSync(filePath, 'wx+');
      syncDirectory(path.dirname(filePath));
    }
    if (fstatSync(fd).size < MAGIC.length) {
      // New, or cut short by a crash while it was being created: it holds no event yet.
      ftruncateSync(fd, 0);
      writeSync(fd, MAGIC, 0, MAGIC.length, 0);
      fsyncSync(fd);
    }
    const magic = Buffer.alloc(MAGIC.length);
    readSync(fd, magic, 0, MAGIC.length, 0);
    if (!magic.equals(MAGIC)) {
      closeSync(fd);
      throw new Error(`${filePath} is not a Ledgerline event log (or was written by another version)`);
    }
    const size = fstatSync(fd).size;
    return new LogFile(fd, size, size);
  }

  get writeHead(): number {
    return this.head;
  }

  get durableHead(): number {
    return this.durable;
  }

  /** Cuts a torn tail found at start-up. */
  truncate(length: number): void {
    ftruncateSync(this.fd, length);
    fsyncSync(this.fd);
    this.head = this.durable = length;
  }

  /** Writes one atomic transaction at the end of the log; returns its position. Not yet durable. */
  append(frame: Buffer): number {
    const position = this.head;
    let written = 0;
    while (written < frame.length) {
      written += writeSync(this.fd, frame, written, frame.length - written, position + written);
    }
    this.head += frame.length;
    return position;
  }

  /** Resolves once everything written up to `target` is on disk. */
  whenDurable(target: number): Promise<void> {
    if (target <= this.durable) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ target, resolve });
      this.sync();
    });
  }

  onDurable(listener: (head: number) => void): void {
    this.durableListeners.push(listener);
  }

  read(position: number, length: number, into?: Buffer): Buffer {
    const buffer = into && into.length >= length ? into : Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, buffer, read, length - read, position + read);
      if (n === 0) break;
      read += n;
    }
    return read === buffer.length ? buffer : buffer.subarray(0, read);
  }

  close(): void {
    closeSync(this.fd);
  }

  private sync(): void {
    if (this.syncing) return;
    this.syncing = true;
    const target = this.head;
    fdatasync(this.fd, (error) => {
      this.syncing = false;
      if (error) {
        // The kernel may have dropped the dirty pages: what is on disk is unknowable, so no
        // acknowledgement can be trusted any more. Stop, and let start-up recovery decide.
        console.error(`fatal: fdatasync of the event log failed: ${error.message}`);
        process.exit(70);
      }
      this.durable = Math.max(this.durable, target);
      const stillWaiting: typeof this.waiters = [];
      for (const waiter of this.waiters) {
        if (waiter.target <= this.durable) waiter.resolve();
        else stillWaiting.push(waiter);
      }
      this.waiters = stillWaiting;
      for (const listener of this.durableListeners) listener(this.durable);
      if (this.waiters.length > 0) this.sync();
    });
  }
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
