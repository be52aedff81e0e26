import type { Pool, PoolClient, QueryConfig } from 'pg';

export interface AutoPrepareOptions {
  /** Runs of a statement text before it is prepared: one-off texts stay unnamed. */
  readonly minUsages?: number;
  /** Texts given a name, at most, for the life of the pool; later texts run unnamed. */
  readonly maxStatements?: number;
}

/** Texts counted while waiting for their minUsages; past this many, the count starts over. */
const MAX_COUNTED_TEXTS = 1_000;
const PREPARING = Symbol('ledgerline.autoPrepare');

/**
 * Makes the pool's clients run a statement text that comes back often as a named prepared statement,
 * the way Npgsql's auto-prepare does. pg otherwise sends every parameterised query as an unnamed
 * statement, which PostgreSQL parses, analyses, rewrites (expanding the views) and plans each time. A
 * named one is parsed once per connection, and once PostgreSQL has settled on a generic plan for it
 * (after five runs, when the generic plan costs no more than the custom ones), planned once too.
 *
 * Only texts run with parameters are named: they are the ones the query side builds again and again,
 * with the values apart. Names come from a counter, so two texts never share one, and each connection
 * prepares a name the first time it runs it (pg remembers which it has). PostgreSQL re-checks a
 * prepared statement when a table or view it reads is replaced, as the analytics views are when a
 * rebuild goes live.
 */
export function autoPrepare(pool: Pool, { minUsages = 3, maxStatements = 200 }: AutoPrepareOptions = {}): Pool {
  const names = new Map<string, string>();
  const usages = new Map<string, number>();

  const nameOf = (text: string): string | undefined => {
    const name = names.get(text);
    if (name !== undefined || names.size >= maxStatements) return name;
    const seen = (usages.get(text) ?? 0) + 1;
    if (seen < minUsages) {
      if (usages.size >= MAX_COUNTED_TEXTS) usages.clear();
      usages.set(text, seen);
      return undefined;
    }
    usages.delete(text);
    const given = `ledgerline_auto_${names.size + 1}`;
    names.set(text, given);
    return given;
  };

  const connect = pool.connect as (this: Pool, ...args: unknown[]) => unknown;
  const preparing = async (): Promise<PoolClient> => {
    const client = (await (connect.call(pool) as Promise<PoolClient>)) as PoolClient & { [PREPARING]?: true };
    if (client[PREPARING]) return client;
    client[PREPARING] = true;
    const query = client.query as (this: PoolClient, ...args: unknown[]) => unknown;
    // Only the (text, values) form is named; any other (a config object, a cursor, a callback) passes as it came.
    const prepared = (...args: unknown[]) => {
      const [text, values] = args;
      if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
        const name = nameOf(text);
        if (name !== undefined) return query.call(client, { name, text, values } satisfies QueryConfig);
      }
      return query.apply(client, args);
    };
    Object.assign(client, { query: prepared });
    return client;
  };
  // Kysely asks for clients with connect() and no callback: the promise form is the only one changed.
  Object.assign(pool, { connect: (...args: unknown[]) => (args.length === 0 ? preparing() : connect.apply(pool, args)) });
  return pool;
}
