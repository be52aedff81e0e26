import type { Kysely, Transaction } from 'kysely';
import type { ProjectedEvent } from './projected-event';

/**
 * One step of a projection's schema. It runs inside the build's own PostgreSQL schema (search_path is
 * set), so it names tables without a schema. Ids are ordered ("0001-timeline") and never change once
 * released: a build records which ones it has.
 */
export interface ProjectionMigration {
  readonly id: string;
  /**
   * Postpones the step while a build is filled from zero beside the live one (a rebuild, a new
   * version): it runs when the build goes live, before the swap. For indexes that only queries use:
   * PostgreSQL creates an index over a filled table in a fraction of what it costs to keep it up to
   * date row by row during the fill. `apply` must never need it (no ON CONFLICT on it, no lookups
   * that would crawl without it), and a later step must not depend on it.
   */
  readonly whenLive?: boolean;
  up(db: Kysely<unknown>): Promise<void>;
}

/**
 * A view for analysts in the `analytics` schema, over the live build's tables. `select` names the
 * build's tables without a schema; it is bound to the live build when the build goes live.
 */
export interface AnalyticsView {
  readonly name: string;
  readonly select: string;
  /** Said in the view's COMMENT, for tools such as Metabase that show it. */
  readonly description: string;
}

/**
 * A read model: its tables (migrations), what analysts see of them (views) and how a batch of events
 * changes its rows. `apply` runs inside the batch's transaction, which also moves the checkpoint, so a
 * batch counts exactly once; it sees the events in log order, may read its own tables, and must not
 * read a clock: a rebuild has to produce the same rows as the live run. It must not change the events
 * either: every projection of a batch is handed the same objects.
 */
export interface Projection<DB = unknown, Plan = unknown> {
  /** kebab-case; also the stem of its build schemas. */
  readonly name: string;
  /** Raise it when `apply` or the tables change meaning: the new version is rebuilt beside the old one. */
  readonly version: number;
  readonly migrations: readonly ProjectionMigration[];
  readonly views: readonly AnalyticsView[];
  /**
   * Optional: the share of a batch's work that needs nothing but the events (rows built from them,
   * sums over them), as opposed to what must read the tables. The runtime calls it ahead, while the
   * previous batch is still being written, and hands the result to `apply` for the same events. Pure,
   * like `apply`; `apply` must leave the plan as it is (several builds may be handed the same one) and
   * must also work when handed none (it then plans itself).
   */
  plan?(events: readonly ProjectedEvent[]): Plan;
  apply(events: readonly ProjectedEvent[], db: Transaction<DB>, planned?: Plan): Promise<void>;
}

/** A projection of any tables and plan, as the runtime holds them (`apply`'s parameters make Projection<DB, Plan> invariant). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any, any>;
