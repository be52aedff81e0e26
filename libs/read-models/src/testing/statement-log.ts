import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';

/** A database on one connection that notes the text of every statement it sends, for specs that count round trips. */
export function databaseWithStatementLog(url: string): { db: Kysely<unknown>; statements: string[] } {
  const statements: string[] = [];
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new Pool({ connectionString: url, max: 1 }) }),
    log: (event) => void statements.push(event.query.sql),
  });
  return { db, statements };
}
