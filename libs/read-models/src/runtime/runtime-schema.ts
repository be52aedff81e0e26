import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';

/** A bigint column: pg returns int8 as a string; we write strings or numbers. */
type Int8 = ColumnType<string, string | number | bigint, string | number | bigint>;

/** Where the runtime keeps its own state; each build of a projection gets a schema of its own. */
export const RUNTIME_SCHEMA = 'projection_runtime';
/** Views for analysts over the live builds (see AnalyticsView). */
export const ANALYTICS_SCHEMA = 'analytics';

export type BuildStatus = 'building' | 'live' | 'retired';

export interface BuildsTable {
  build_id: Generated<string>;
  projection: string;
  version: number;
  schema_name: string;
  status: BuildStatus;
  /** null: nothing handled yet (start of the log). */
  checkpoint_commit: string | null;
  checkpoint_prepare: string | null;
  events_applied: Generated<string>;
  /** When the last handled event was stored: the lag in seconds is measured from it. */
  last_event_at: Date | null;
  created_at: Generated<Date>;
  live_since: Date | null;
  updated_at: Generated<Date>;
}

export interface BuildMigrationsTable {
  build_id: string;
  migration_id: string;
  applied_at: Generated<Date>;
}

export interface DeadLettersTable {
  dead_letter_id: Generated<string>;
  build_id: string;
  projection: string;
  event_id: string;
  stream_id: string;
  revision: Int8;
  commit_position: Int8;
  prepare_position: Int8;
  event_type: string;
  data: unknown;
  metadata: unknown;
  recorded_at: Date;
  error: string;
  failed_at: Generated<Date>;
  attempts: Generated<number>;
}

export interface RunnerStateTable {
  projection: string;
  state: string;
  last_error: string | null;
  changed_at: Generated<Date>;
}

/** The analytics views a projection's live build serves, as they were bound (see refreshViews). */
export interface BoundViewsTable {
  view_name: string;
  projection: string;
  build_id: string;
  select_sql: string;
  description: string;
  bound_at: Generated<Date>;
}

export interface RuntimeDatabase {
  'projection_runtime.builds': BuildsTable;
  'projection_runtime.build_migrations': BuildMigrationsTable;
  'projection_runtime.dead_letters': DeadLettersTable;
  'projection_runtime.runner_state': RunnerStateTable;
  'projection_runtime.bound_views': BoundViewsTable;
}

/**
 * Creates the runtime's tables if they are missing. Idempotent and safe to run from several processes
 * at once (an advisory lock serialises them); later changes get a new statement here, guarded likewise.
 */
export async function ensureRuntimeSchema(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('ledgerline.projection_runtime.schema'))`.execute(tx);
    await sql`CREATE SCHEMA IF NOT EXISTS projection_runtime`.execute(tx);
    await sql`CREATE SCHEMA IF NOT EXISTS analytics`.execute(tx);
    await sql`
      CREATE TABLE IF NOT EXISTS projection_runtime.builds (
        build_id bigserial PRIMARY KEY,
        projection text NOT NULL,
        version integer NOT NULL,
        schema_name text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('building', 'live', 'retired')),
        checkpoint_commit bigint,
        checkpoint_prepare bigint,
        events_applied bigint NOT NULL DEFAULT 0,
        last_event_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        live_since timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((checkpoint_commit IS NULL) = (checkpoint_prepare IS NULL))
      )`.execute(tx);
    await sql`CREATE UNIQUE INDEX IF NOT EXISTS builds_one_live ON projection_runtime.builds (projection) WHERE status = 'live'`.execute(tx);
    await sql`
      CREATE TABLE IF NOT EXISTS projection_runtime.build_migrations (
        build_id bigint NOT NULL REFERENCES projection_runtime.builds ON DELETE CASCADE,
        migration_id text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (build_id, migration_id)
      )`.execute(tx);
    await sql`
      CREATE TABLE IF NOT EXISTS projection_runtime.dead_letters (
        dead_letter_id bigserial PRIMARY KEY,
        build_id bigint NOT NULL REFERENCES projection_runtime.builds ON DELETE CASCADE,
        projection text NOT NULL,
        event_id uuid NOT NULL,
        stream_id text NOT NULL,
        revision bigint NOT NULL,
        commit_position bigint NOT NULL,
        prepare_position bigint NOT NULL,
        event_type text NOT NULL,
        data jsonb,
        metadata jsonb,
        recorded_at timestamptz NOT NULL,
        error text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 1,
        UNIQUE (build_id, event_id)
      )`.execute(tx);
    await sql`
      CREATE TABLE IF NOT EXISTS projection_runtime.runner_state (
        projection text PRIMARY KEY,
        state text NOT NULL,
        last_error text,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`.execute(tx);
    await sql`
      CREATE TABLE IF NOT EXISTS projection_runtime.bound_views (
        view_name text PRIMARY KEY,
        projection text NOT NULL,
        build_id bigint NOT NULL REFERENCES projection_runtime.builds ON DELETE CASCADE,
        select_sql text NOT NULL,
        description text NOT NULL,
        bound_at timestamptz NOT NULL DEFAULT now()
      )`.execute(tx);
  });
}
