/** The timed operations of the event store suite, each done through the real @eventstore/db-client. */
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { BenchEvent } from './crm-events';
import { cpuNow, now, secondsSince, Timed } from './timing';

/** Called with every event once the server has acknowledged it. */
export type OnAppended = (events: readonly BenchEvent[]) => void;

/** Appends one event per call, awaiting each, until the events run out or `maxSeconds` pass. */
export async function appendOneByOne(
  client: EventStoreDBClient,
  events: readonly BenchEvent[],
  maxSeconds: number,
  onAppended: OnAppended,
): Promise<{ timed: Timed; latenciesMs: number[] }> {
  const latenciesMs: number[] = [];
  const start = now();
  for (const event of events) {
    const sent = now();
    await client.appendToStream(event.stream, event.event, { deadline: 10_000 });
    latenciesMs.push(Number(now() - sent) / 1e6);
    onAppended([event]);
    if (secondsSince(start) >= maxSeconds) break;
  }
  return { timed: { count: latenciesMs.length, seconds: secondsSince(start) }, latenciesMs };
}

/** Appends `size` events per call (each batch to a new stream), awaiting each call. */
export async function appendBatches(
  client: EventStoreDBClient,
  events: readonly BenchEvent[],
  size: number,
  streamPrefix: string,
  onAppended: OnAppended,
): Promise<Timed> {
  const start = now();
  const cpu = cpuNow();
  for (let i = 0; i < events.length; i += size) {
    const batch = events.slice(i, i + size);
    await client.appendToStream(`${streamPrefix}-${i / size}`, batch.map((e) => e.event), { deadline: 30_000 });
    onAppended(batch);
  }
  return { count: events.length, seconds: secondsSince(start), cpuSeconds: cpuNow() - cpu };
}

/** Like appendBatches, with `concurrency` appends in flight (to fill the log quickly; not a measurement). */
export async function appendConcurrently(
  client: EventStoreDBClient,
  events: readonly BenchEvent[],
  size: number,
  concurrency: number,
  streamPrefix: string,
  onAppended: OnAppended,
): Promise<Timed> {
  const start = now();
  let next = 0;
  const worker = async () => {
    while (next * size < events.length) {
      const index = next++;
      const batch = events.slice(index * size, (index + 1) * size);
      await client.appendToStream(`${streamPrefix}-${index}`, batch.map((e) => e.event), { deadline: 60_000 });
      onAppended(batch);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { count: events.length, seconds: secondsSince(start) };
}

/** Reads $all forwards from the start to the end; `userEvents` leaves out system ($-prefixed) streams. */
export async function readWholeLog(client: EventStoreDBClient, maxCount?: number): Promise<Timed & { userEvents: number }> {
  const start = now();
  const cpu = cpuNow();
  let count = 0;
  let userEvents = 0;
  for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS, maxCount })) {
    count++;
    if (resolved.event && !resolved.event.streamId.startsWith('$')) userEvents++;
  }
  return { count, seconds: secondsSince(start), cpuSeconds: cpuNow() - cpu, userEvents };
}

/** Subscribes to $all from the start and times delivery up to and including the event with id `lastEventId`. */
export async function catchUp(client: EventStoreDBClient, lastEventId: string): Promise<Timed> {
  const start = now();
  const cpu = cpuNow();
  const subscription = client.subscribeToAll({ fromPosition: START });
  let count = 0;
  try {
    for await (const resolved of subscription) {
      count++;
      if (resolved.event?.id === lastEventId) return { count, seconds: secondsSince(start), cpuSeconds: cpuNow() - cpu };
    }
    throw new Error(`the subscription ended after ${count} events without reaching the last appended event`);
  } finally {
    await subscription.unsubscribe().catch(() => undefined);
  }
}
