/**
 * Benchmark payloads shaped like Ledgerline's CRM events: a "CallLogged" event of about 200 bytes of JSON
 * with a small metadata object, plus the exact bytes the raw-file baselines write for it.
 */
import { randomUUID } from 'node:crypto';
import { EventData, jsonEvent } from '@eventstore/db-client';
import { encodeRecord } from './raw-baselines';

export interface BenchEvent {
  /** The contact's stream, for appends that go one event at a time. */
  stream: string;
  event: EventData;
  /** The event's JSON data and metadata, framed as the raw baselines store them. */
  record: Buffer;
}

const OUTCOMES = ['connected', 'voicemail', 'no-answer', 'busy'] as const;
const NOTES = ['Discussed renewal; send pricing.', 'Left message about onboarding.', 'Follow up next week.', 'Asked for a demo.'];

export function callLogged(sequence: number): BenchEvent {
  const contactId = `contact-${String(sequence % 5000).padStart(5, '0')}`;
  const data = {
    callId: randomUUID(),
    contactId,
    direction: sequence % 3 === 0 ? 'inbound' : 'outbound',
    durationSeconds: 30 + (sequence % 900),
    outcome: OUTCOMES[sequence % OUTCOMES.length],
    loggedBy: `user-${String(sequence % 40).padStart(3, '0')}`,
    occurredAt: new Date(Date.UTC(2025, 0, 1) + sequence * 60_000).toISOString(),
    notes: NOTES[sequence % NOTES.length],
  };
  const metadata = { correlationId: randomUUID(), source: 'bench' };
  return {
    stream: contactId,
    event: jsonEvent({ type: 'CallLogged', data, metadata }),
    record: encodeRecord(Buffer.from(JSON.stringify(data)), Buffer.from(JSON.stringify(metadata))),
  };
}

export function callLoggedRange(from: number, count: number): BenchEvent[] {
  return Array.from({ length: count }, (_, i) => callLogged(from + i));
}
