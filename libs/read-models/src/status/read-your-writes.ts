import type { Kysely } from 'kysely';
import type { RuntimeDatabase } from '../runtime/runtime-schema';

/** PostgreSQL's SQLSTATE for a relation that does not exist. */
const UNDEFINED_TABLE = '42P01';

export interface ProjectionLag {
  readonly projection: string;
  /** The live build's checkpoint commit position, or null when it has handled nothing. */
  readonly checkpoint: string | null;
}

/**
 * Waits until the live builds of `projections` have passed the log position `commit` (a command's
 * answer), so a query that follows a write sees it. Resolves with [] when they have, or with those
 * still behind when `timeoutMs` runs out.
 */
export async function waitForProjections(
  db: Kysely<RuntimeDatabase>,
  projections: readonly string[],
  commit: bigint,
  { timeoutMs = 5000, pollMs = 20 }: { timeoutMs?: number; pollMs?: number } = {},
): Promise<ProjectionLag[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db
      .selectFrom('projection_runtime.builds')
      .select(['projection', 'checkpoint_commit'])
      .where('projection', 'in', [...projections])
      .where('status', '=', 'live')
      .execute()
      // Before the first projector has created its schema, every projection is behind.
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === UNDEFINED_TABLE) return [];
        throw error;
      });
    const behind = projections
      .map((projection) => ({ projection, checkpoint: rows.find((row) => row.projection === projection)?.checkpoint_commit ?? null }))
      .filter(({ checkpoint }) => checkpoint === null || BigInt(checkpoint) < commit);
    if (behind.length === 0 || Date.now() >= deadline) return behind;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
  }
}
