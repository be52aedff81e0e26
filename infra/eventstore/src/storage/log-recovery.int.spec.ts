import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventStore, ProposedEvent } from './event-store';

const event = (n: number): ProposedEvent => ({
  id: Buffer.from(n.toString(16).padStart(32, '0'), 'hex'),
  type: 'Noted',
  isJson: true,
  data: Buffer.from(JSON.stringify({ n })),
  metadata: Buffer.alloc(0),
});

function revisionsOf(store: EventStore, stream: string): number[] {
  const read = store.readStream(stream, 'start', 'forwards', Number.MAX_SAFE_INTEGER);
  return read.kind === 'found' ? [...read.records].map((r) => r.revision) : [];
}

describe('start-up recovery of the log', () => {
  let dir: string;
  let log: string;
  let intactSize: number;
  let fullSize: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ledgerline-recovery-'));
    log = path.join(dir, 'events.log');
    const { store } = EventStore.open(dir);
    await store.append('a', { kind: 'no_stream' }, [event(1), event(2)]);
    await store.append('b', { kind: 'any' }, [event(3)]);
    intactSize = statSync(log).size;
    // The last transaction: three events that must appear all together or not at all.
    await store.append('a', { kind: 'exact', revision: 1 }, [event(4), event(5), event(6)]);
    fullSize = statSync(log).size;
    store.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const backup = () => readFileSync(log);
  const restore = (bytes: Buffer) => writeFileSync(log, bytes);

  it('cuts a transaction torn at any byte, keeping every complete one', () => {
    const original = backup();
    try {
      for (let length = intactSize; length < fullSize; length++) {
        truncateSync(log, length);
        const { store, stats } = EventStore.open(dir);
        expect(revisionsOf(store, 'a')).toEqual([0, 1]);
        expect(revisionsOf(store, 'b')).toEqual([0]);
        expect(stats.tornBytes).toBe(length - intactSize);
        store.close();
        expect(statSync(log).size).toBe(intactSize);
        restore(original);
      }
    } finally {
      restore(original);
    }
  });

  it('keeps the whole last transaction when it is intact, and goes on writing after it', async () => {
    const original = backup();
    try {
      const { store } = EventStore.open(dir);
      expect(revisionsOf(store, 'a')).toEqual([0, 1, 2, 3, 4]);
      const result = await store.append('a', { kind: 'exact', revision: 4 }, [event(7)]);
      expect(result).toMatchObject({ kind: 'written', lastRevision: 5 });
      store.close();
    } finally {
      restore(original);
    }
  });

  it('cuts garbage after the last transaction, and a flipped bit in it', () => {
    const original = backup();
    try {
      appendFileSync(log, Buffer.from('this is not a record, just noise left by a crash'));
      let opened = EventStore.open(dir);
      expect(revisionsOf(opened.store, 'a')).toEqual([0, 1, 2, 3, 4]);
      opened.store.close();

      const corrupted = Buffer.from(original);
      corrupted[fullSize - 20] ^= 0x01;
      restore(corrupted);
      opened = EventStore.open(dir);
      expect(revisionsOf(opened.store, 'a')).toEqual([0, 1]);
      opened.store.close();
    } finally {
      restore(original);
    }
  });

  it('refuses a second store on the same folder while the first is open, not after', () => {
    const { store } = EventStore.open(dir);
    expect(() => EventStore.open(dir)).toThrow(/in use by another event store/);
    store.close();
    EventStore.open(dir).store.close();
  });

  it('starts afresh on a log cut short before its header was written, and writes to it', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'ledgerline-new-log-'));
    try {
      writeFileSync(path.join(other, 'events.log'), Buffer.from('LEDGER', 'latin1'));
      const { store } = EventStore.open(other);
      expect(await store.append('c', { kind: 'no_stream' }, [event(1)])).toMatchObject({ kind: 'written', lastRevision: 0 });
      store.close();
      const reopened = EventStore.open(other);
      expect(revisionsOf(reopened.store, 'c')).toEqual([0]);
      reopened.store.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not an event log', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'ledgerline-not-a-log-'));
    try {
      writeFileSync(path.join(other, 'events.log'), 'hello, this is some other file');
      expect(() => EventStore.open(other)).toThrow(/not a Ledgerline event log/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
