/** Where each event of each stream lies in the log. Revisions are dense from 0 and never reused. */
export interface StreamEntry {
  /** `positions[revision]` is the log position of that revision. */
  readonly positions: number[];
  /** Position of the hard-delete record, once the stream is tombstoned. */
  tombstone: number | null;
}

export class StreamIndex {
  private readonly streams = new Map<string, StreamEntry>();

  get(stream: string): StreamEntry | undefined {
    return this.streams.get(stream);
  }

  add(stream: string, revision: number, position: number): void {
    const entry = this.entry(stream);
    if (revision !== entry.positions.length) {
      throw new Error(`index out of order: ${stream}@${revision} after ${entry.positions.length - 1}`);
    }
    entry.positions.push(position);
  }

  tombstone(stream: string, position: number): void {
    this.entry(stream).tombstone = position;
  }

  /** The last revision written, durable or not: the writer decides on this. -1 when there is none. */
  lastRevision(stream: string): number {
    return (this.streams.get(stream)?.positions.length ?? 0) - 1;
  }

  /** The last revision whose record ends before `durableHead`: what readers may see. */
  lastVisibleRevision(stream: string, durableHead: number): number {
    const positions = this.streams.get(stream)?.positions;
    if (!positions) return -1;
    let revision = positions.length - 1;
    while (revision >= 0 && positions[revision] >= durableHead) revision--;
    return revision;
  }

  get size(): number {
    return this.streams.size;
  }

  private entry(stream: string): StreamEntry {
    let entry = this.streams.get(stream);
    if (!entry) {
      entry = { positions: [], tombstone: null };
      this.streams.set(stream, entry);
    }
    return entry;
  }
}
