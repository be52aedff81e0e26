export interface CommittedEvent {
  stream: string;
  revision: number;
}

/**
 * The recently written event ids, as EventStoreDB keeps them for idempotent appends with expected
 * revision `any` or `stream_exists`: bounded, so a retry is recognised only while its events are
 * among the most recent ones. Retries with an exact expected revision are checked against the log.
 *
 * Two generations of maps rather than one map evicting its oldest key: V8 maps that are deleted
 * from at the front make finding the oldest key linear, which turned start-up quadratic.
 */
export class EventIdCache {
  private current = new Map<string, CommittedEvent>();
  private previous = new Map<string, CommittedEvent>();

  /** Keeps at least the last `capacity` ids, and at most twice that. */
  constructor(private readonly capacity = 100_000) {}

  get(eventId: Buffer): CommittedEvent | undefined {
    const key = eventId.toString('hex');
    return this.current.get(key) ?? this.previous.get(key);
  }

  put(eventId: Buffer, event: CommittedEvent): void {
    this.current.set(eventId.toString('hex'), event);
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
  }
}
