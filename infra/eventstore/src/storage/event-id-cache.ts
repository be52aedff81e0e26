export interface CommittedEvent {
  stream: string;
  revision: number;
}

/**
 * The recently written event ids, as EventStoreDB keeps them for idempotent appends with expected
 * revision `any` or `stream_exists`: bounded, so a retry is recognised only while its events are
 * among the most recent ones. Retries with an exact expected revision are checked against the log.
 */
export class EventIdCache {
  private readonly entries = new Map<string, CommittedEvent>();

  constructor(private readonly capacity = 100_000) {}

  get(eventId: Buffer): CommittedEvent | undefined {
    return this.entries.get(eventId.toString('hex'));
  }

  put(eventId: Buffer, event: CommittedEvent): void {
    const key = eventId.toString('hex');
    this.entries.delete(key);
    this.entries.set(key, event);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }
}
