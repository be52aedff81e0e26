import type { Kysely } from 'kysely';
import { readLogHead, type EventStoreClient } from '@ledgerline/event-store';
import type { RuntimeDatabase } from '@ledgerline/read-models';
import { liveCheckpoints } from './read-model-snapshot';

/** Waits until every live build has reached the head of the log as it is now. */
export async function waitUntilCaughtUp(db: Kysely<RuntimeDatabase>, client: EventStoreClient, projections: number, timeoutMs = 60_000): Promise<void> {
  const head = (await readLogHead(client))?.position.commit ?? 0n;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoints = Object.values(await liveCheckpoints(db).catch(() => ({})));
    if (checkpoints.length === projections && checkpoints.every((c) => c !== null && BigInt(c) >= head)) return;
    if (Date.now() > deadline) throw new Error(`the projections did not reach ${head} within ${timeoutMs} ms: ${JSON.stringify(checkpoints)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
