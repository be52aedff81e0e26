import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';

/** The rows of each query, by the query's name. */
export type RowsOf<Queries extends Record<string, RawBuilder<unknown>>> = { [Name in keyof Queries]: Queries[Name] extends RawBuilder<infer Row> ? Row[] : never };

/**
 * Runs independent SELECTs as one statement, in one round trip to PostgreSQL instead of one each, and
 * returns each one's rows by name. Each query's rows come back through json_agg, so they arrive as
 * JSON values: numbers of every numeric type as JavaScript numbers (exact up to 2^53), dates and
 * timestamps as ISO 8601 text, and in no promised order (sort them where order matters).
 */
export async function readTogether<Queries extends Record<string, RawBuilder<unknown>>>(db: QueryExecutorProvider, queries: Queries): Promise<RowsOf<Queries>> {
  const names = Object.keys(queries);
  const columns = names.map((name) => sql`(SELECT coalesce(json_agg(r), '[]'::json) FROM (${queries[name]}) AS r) AS ${sql.ref(name)}`);
  const { rows } = await sql<RowsOf<Queries>>`SELECT ${sql.join(columns)}`.execute(db);
  return rows[0];
}
