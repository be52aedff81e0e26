import { START, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { EventStoreClient, nativeClient } from './client';
import { mapClientError } from './errors';
import { Position, StoredEvent, toStoredEvent } from './stored-event';
import { EventSelection, selects, serverFilter } from './subscription-filter';

export interface SubscribeToAllOptions extends EventSelection {
  /** 'start', or a checkpoint: delivery begins with the first event after it. */
  readonly fromPosition: 'start' | Position;
  /**
   * A position to store as the checkpoint: every selected event before it has been handled (the loop
   * body has finished with it). Called between events, never during one; the server sends these while it
   * skips unselected events, so a quiet subscription still moves its checkpoint forward.
   */
  readonly onCheckpoint?: (position: Position) => void | Promise<void>;
}

/** Iterate it once with for await; leaving the loop (break, throw) stops the subscription. */
export interface AllSubscription extends AsyncIterable<StoredEvent> {
  /** Resolves once every event stored before the subscription went live has been handled; rejects if it fails first. */
  readonly caughtUp: Promise<void>;
  /** True from caughtUp until the server says the subscription fell behind (or it stops). */
  readonly isCaughtUp: boolean;
  stop(): Promise<void>;
}

/**
 * Catch-up subscription to $all, filtered on the server, yielding our StoredEvent (never a system event).
 * The client reports "caught up" and checkpoints as it receives them, ahead of events still buffered for
 * the loop; here each such marker waits for the events received before it to be handled, so a stored
 * checkpoint never skips an unprocessed event.
 */
export function subscribeToAllFrom(client: EventStoreClient, options: SubscribeToAllOptions): AllSubscription {
  let received = 0; // events taken from the client's buffer
  let handled = 0; // of those, the ones the loop has finished with
  const markers: { at: number; fire: () => unknown }[] = [];
  let failure: unknown;
  let ended = false;
  let live = false;
  let fellBehind = 0;
  let wake = () => {};

  let resolveCaughtUp = () => {};
  let rejectCaughtUp: (error: unknown) => void = () => {};
  const caughtUp = new Promise<void>((resolve, reject) => ((resolveCaughtUp = resolve), (rejectCaughtUp = reject)));
  caughtUp.catch(() => {}); // awaiting it is optional; a failure also surfaces through the loop

  const fail = (error: unknown) => {
    failure ??= mapClientError(error, '$all');
    rejectCaughtUp(failure);
    wake();
  };
  // Runs `fire` once every event received so far has been handled: at once when the loop is idle (the
  // client awaits checkpoint callbacks, so no event overtakes it), otherwise from the loop.
  const mark = async (fire: () => unknown) => {
    const at = received + subscription.readableLength;
    if (at > handled) return void markers.push({ at, fire });
    try {
      await fire();
    } catch (error) {
      fail(error);
    }
  };

  const subscription = nativeClient(client).subscribeToAll({
    fromPosition: options.fromPosition === 'start' ? START : options.fromPosition,
    filter: serverFilter(options, options.onCheckpoint && ((_, position) => mark(() => options.onCheckpoint?.(position)))),
  });
  subscription.on('caughtUp', () => {
    const since = fellBehind;
    void mark(() => {
      live = since === fellBehind;
      resolveCaughtUp();
    });
  });
  subscription.on('fellBehind', () => ((live = false), fellBehind++));
  const onReadable = () => wake();
  subscription.on('readable', onReadable);
  subscription.on('error', fail);
  subscription.on('end', () => ((ended = true), wake()));
  subscription.on('close', () => ((ended = true), wake()));

  const stop = async () => {
    rejectCaughtUp(failure ?? new Error('the subscription stopped before it caught up'));
    live = false;
    if (ended) return;
    ended = true;
    wake();
    await subscription.unsubscribe();
    // Drain rather than destroy: a gRPC stream left paused with unread data never finishes, and
    // client.dispose() waits for every stream to finish.
    subscription.off('readable', onReadable);
    subscription.resume();
  };

  async function* events(): AsyncGenerator<StoredEvent, void, undefined> {
    try {
      for (;;) {
        if (failure !== undefined) throw failure;
        const resolved: AllStreamResolvedEvent | null = ended ? null : subscription.read();
        if (resolved === null) {
          if (ended) return;
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        received++;
        const recorded = resolved.event;
        if (recorded !== undefined && selects(options, recorded)) yield toStoredEvent(recorded);
        handled++;
        while (markers.length > 0 && markers[0].at <= handled) await markers.shift()!.fire();
      }
    } catch (error) {
      fail(error);
      throw failure;
    } finally {
      await stop();
    }
  }

  let iterated = false;
  return {
    caughtUp,
    get isCaughtUp() {
      return live;
    },
    stop,
    [Symbol.asyncIterator]() {
      if (iterated) throw new Error('subscribeToAllFrom: a subscription can be iterated only once');
      iterated = true;
      return events();
    },
  };
}
