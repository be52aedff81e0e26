/**
 * Writes the generated CRM log to the event store through @eventstore/db-client, as fast as the
 * client allows: window by window (so the log runs forward in time), each window's streams appended
 * concurrently, each stream's events of the window in as few appends as the server's size limit
 * allows. Every event is checked against the domain's schemas first.
 */
import { EventStoreDBClient, jsonEvent, type AppendExpectedRevision, type JSONType } from '@eventstore/db-client';
import { parseCustomerEvent, parseLocationEvent } from '@ledgerline/domain';
import type { CrmLog, LogEvent, StreamSlice } from './projections-crm-log';
import { cpuNow, now, secondsSince } from './timing';

/** Appends in flight: enough to keep the server's group commit busy. */
const IN_FLIGHT = 64;
/** Events per append, well under the server's 1 MiB limit for these (~350-byte) events. */
const PER_APPEND = 1000;

export interface FillResult {
  events: number;
  appends: number;
  seconds: number;
  cpuSeconds: number;
}

export async function fillLog(url: string, log: CrmLog, onWindow?: (window: number, events: number) => void): Promise<FillResult> {
  const client = EventStoreDBClient.connectionString(url);
  const revisions = new Map<string, bigint>();
  const started = now();
  const cpu = cpuNow();
  let events = 0;
  let appends = 0;
  const appendAll = async (slices: StreamSlice[]) => {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < slices.length; i = next++) {
        const { stream, events: streamEvents } = slices[i];
        for (let from = 0; from < streamEvents.length; from += PER_APPEND) {
          const chunk = streamEvents.slice(from, from + PER_APPEND);
          const known = revisions.get(stream);
          const expectedRevision: AppendExpectedRevision = known === undefined ? 'no_stream' : known;
          const result = await client.appendToStream(stream, chunk.map((event) => toEventData(stream, event)), { expectedRevision, deadline: 60_000 });
          revisions.set(stream, result.nextExpectedRevision);
          appends++;
          events += chunk.length;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  };
  try {
    await appendAll(log.locationSlices());
    for (let window = 0; window < log.options.windows; window++) {
      await appendAll(log.window(window));
      onWindow?.(window, events);
    }
  } finally {
    await client.dispose();
  }
  if (events !== log.options.events) throw new Error(`appended ${events} events, expected ${log.options.events}`);
  return { events, appends, seconds: secondsSince(started), cpuSeconds: cpuNow() - cpu };
}

/** Checks the event as a projection will (data against its type's schema), then wraps it for the client. */
function toEventData(stream: string, event: LogEvent) {
  const version = (event.metadata as { schemaVersion: number }).schemaVersion;
  if (stream.startsWith('location-')) parseLocationEvent(event.type, event.data, version);
  else parseCustomerEvent(event.type, event.data, version);
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: event.metadata as JSONType });
}
