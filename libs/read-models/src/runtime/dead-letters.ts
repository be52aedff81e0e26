import { sql, type Transaction } from 'kysely';
import { EventParseError } from '@ledgerline/domain';
import type { StoredEvent } from '@ledgerline/event-store';
import type { RuntimeDatabase } from './runtime-schema';

/** Parks an event a build could not handle, with the error; a second failure counts another attempt. */
export async function parkEvent(tx: Transaction<RuntimeDatabase>, buildId: string, projection: string, event: StoredEvent, error: unknown): Promise<void> {
  const message = describeError(error);
  await tx
    .insertInto('projection_runtime.dead_letters')
    .values({
      build_id: buildId,
      projection,
      event_id: event.id,
      stream_id: event.streamId,
      revision: String(event.revision),
      commit_position: String(event.position.commit),
      prepare_position: String(event.position.prepare),
      event_type: event.type,
      data: JSON.stringify(event.data ?? null),
      metadata: JSON.stringify(event.metadata),
      recorded_at: event.created,
      error: message.slice(0, 4000),
    })
    .onConflict((oc) => oc.columns(['build_id', 'event_id']).doUpdateSet({ error: message.slice(0, 4000), failed_at: sql`now()`, attempts: sql`dead_letters.attempts + 1` }))
    .execute();
}

/** The error as an operator needs it: its kind, its message, and each bad field of an event that does not parse. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const issues = error instanceof EventParseError ? error.issues.map((issue) => `${issue.path}: ${issue.reason}`) : [];
  return `${error.name}: ${error.message}${issues.length > 0 ? ` (${issues.join('; ')})` : ''}`;
}
