import { sql, type Kysely, type Transaction } from 'kysely';
import type { AnalyticsView, AnyProjection } from '../projection';
import { quoteIdentifier, useBuildSchema, useDefaultSchema } from './build-schema';
import type { Build } from './builds';
import { ANALYTICS_SCHEMA, type RuntimeDatabase } from './runtime-schema';

const qualified = (view: string) => sql.raw(`${ANALYTICS_SCHEMA}.${quoteIdentifier(view)}`);

/**
 * Points the projection's analytics views at the tables of `build` (in its schema), and records what it
 * bound (projection_runtime.bound_views), in the caller's transaction. Views the projection no longer
 * declares are dropped.
 */
export async function bindViews(tx: Transaction<RuntimeDatabase>, build: Pick<Build, 'buildId' | 'schema'>, projection: AnyProjection): Promise<void> {
  const declared = new Set(projection.views.map((view) => view.name));
  const bound = await tx.selectFrom('projection_runtime.bound_views').select('view_name').where('projection', '=', projection.name).execute();
  for (const { view_name } of bound) if (!declared.has(view_name)) await sql`DROP VIEW IF EXISTS ${qualified(view_name)}`.execute(tx);

  await useBuildSchema(tx, build.schema);
  for (const view of projection.views) {
    // DROP and CREATE rather than CREATE OR REPLACE: a new version may change the columns.
    await sql`DROP VIEW IF EXISTS ${qualified(view.name)}`.execute(tx);
    await sql`CREATE VIEW ${qualified(view.name)} AS ${sql.raw(view.select)}`.execute(tx);
    await sql`COMMENT ON VIEW ${qualified(view.name)} IS ${sql.lit(view.description)}`.execute(tx);
  }
  // Readers granted the analytics schema see every view in it (see grantAnalyticsReader).
  await useDefaultSchema(tx);

  await tx.deleteFrom('projection_runtime.bound_views').where('projection', '=', projection.name).execute();
  if (projection.views.length > 0) {
    await tx
      .insertInto('projection_runtime.bound_views')
      .values(projection.views.map((view) => ({ view_name: view.name, projection: projection.name, build_id: build.buildId, select_sql: view.select, description: view.description })))
      .execute();
  }
}

/**
 * Binds the live build's views again when the projection declares other views than it bound (a
 * deploy that adds, changes or removes a view without a new version, which needs no rebuild). Returns
 * whether it did. Nothing happens if `build` stopped being live meanwhile: its successor's swap bound
 * the views.
 */
export async function refreshViews(db: Kysely<RuntimeDatabase>, build: Build, projection: AnyProjection): Promise<boolean> {
  const bound = await db.selectFrom('projection_runtime.bound_views').selectAll().where('projection', '=', projection.name).execute();
  if (sameViews(bound, build.buildId, projection.views)) return false;
  return db.transaction().execute(async (tx) => {
    // As goLive does: a swap in another process waits for this, or this for it.
    const live = await tx.selectFrom('projection_runtime.builds').select('status').where('build_id', '=', build.buildId).forUpdate().executeTakeFirst();
    if (live?.status !== 'live') return false;
    await bindViews(tx, build, projection);
    return true;
  });
}

function sameViews(bound: readonly { view_name: string; build_id: string; select_sql: string; description: string }[], buildId: string, views: readonly AnalyticsView[]): boolean {
  const byName = new Map(bound.map((row) => [row.view_name, row]));
  return (
    bound.length === views.length &&
    views.every((view) => {
      const row = byName.get(view.name);
      return row !== undefined && row.build_id === buildId && row.select_sql === view.select && row.description === view.description;
    })
  );
}
