import type { EventStore } from '../storage/event-store';

/** Lets live subscriptions wait until the durable head moves past what they have seen. */
export class HeadWatch {
  private waiters = new Set<{ beyond: number; resolve: () => void }>();

  constructor(private readonly store: EventStore) {
    store.onDurable((head) => {
      for (const waiter of this.waiters) {
        if (head > waiter.beyond) {
          this.waiters.delete(waiter);
          waiter.resolve();
        }
      }
    });
  }

  /** Resolves once the head is beyond `position`, or when `cancelled` fires. */
  waitBeyond(position: number, onCancel: (listener: () => void) => () => void): Promise<void> {
    if (this.store.head > position) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        beyond: position,
        resolve: () => {
          stop();
          resolve();
        },
      };
      const stop = onCancel(() => {
        this.waiters.delete(waiter);
        resolve();
      });
      this.waiters.add(waiter);
    });
  }
}
