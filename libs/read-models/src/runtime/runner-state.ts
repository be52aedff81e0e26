import { sql, type Kysely } from 'kysely';
import type { RuntimeDatabase } from './runtime-schema';

/** What a projector is doing with a projection, for the status report. */
export type RunnerState = 'starting' | 'catching-up' | 'live' | 'reconnecting' | 'stopped';

export async function recordRunnerState(db: Kysely<RuntimeDatabase>, projections: readonly string[], state: RunnerState, error?: unknown): Promise<void> {
  if (projections.length === 0) return;
  const lastError = error === undefined ? null : error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 2000) : String(error);
  await db
    .insertInto('projection_runtime.runner_state')
    .values(projections.map((projection) => ({ projection, state, last_error: lastError })))
    .onConflict((oc) =>
      oc.column('projection').doUpdateSet({
        state,
        // An error stays visible until the projector is live again.
        last_error: state === 'live' ? null : lastError === null ? sql`runner_state.last_error` : lastError,
        changed_at: sql`now()`,
      }),
    )
    .execute();
}
