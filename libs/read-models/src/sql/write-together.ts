import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';

/**
 * Runs independent writes (INSERT, UPDATE or DELETE, each on a table none of the others touches or
 * on rows none of them touches) as one statement, each a data-modifying WITH query, in one round trip
 * to PostgreSQL instead of one each. They all see the snapshot from before any of them, and their
 * order is unspecified: a write that must see another's result belongs in a later call.
 */
export async function writeTogether(db: QueryExecutorProvider, writes: readonly (RawBuilder<unknown> | undefined)[]): Promise<void> {
  const present = writes.filter((write): write is RawBuilder<unknown> => write !== undefined);
  if (present.length === 0) return;
  if (present.length === 1) return void (await present[0].execute(db));
  const queries = present.map((write, index) => sql`${sql.raw(`w${index}`)} AS (${write})`);
  await sql`WITH ${sql.join(queries)} SELECT 1`.execute(db);
}
