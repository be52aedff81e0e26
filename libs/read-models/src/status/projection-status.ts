import { sql, type Kysely } from 'kysely';
import { countEventsAfter, readLogHead, type EventStoreClient } from '@ledgerline/event-store';
import { toBuild } from '../runtime/builds';
import { formatCheckpoint } from '../runtime/checkpoint';
import { PROJECTED_STREAM_PREFIXES } from '../runtime/projection-group';
import { projectorLockHolder } from '../runtime/projector-lock';
import type { RuntimeDatabase } from '../runtime/runtime-schema';

export interface BuildStatusReport {
  readonly buildId: string;
  readonly version: number;
  readonly status: 'live' | 'building';
  /** `<commit>/<prepare>`, or `start`. */
  readonly checkpoint: string;
  readonly eventsApplied: number;
  readonly lastEventAt: string | null;
  /** Events of the projected streams after the checkpoint; `lagEventsExact` is false past the count limit. */
  readonly lagEvents: number;
  readonly lagEventsExact: boolean;
  /** From the last handled event to the head of the log; 0 when nothing is behind. */
  readonly lagSeconds: number;
  readonly deadLetters: number;
}

export interface ProjectionStatusReport {
  readonly name: string;
  /** What the projector says it is doing: starting, catching-up, live, reconnecting, stopped; unknown before it ran. */
  readonly state: string;
  /** `<host>:<pid>` of the projector that holds the projector lock and so runs it; null when none does (then `state` is stale). */
  readonly leader: string | null;
  readonly lastError: string | null;
  readonly stateChangedAt: string | null;
  readonly builds: BuildStatusReport[];
}

/** Each projection's builds with their checkpoints, lag behind the head of the log, and dead letters. */
export async function projectionStatus(db: Kysely<RuntimeDatabase>, client: EventStoreClient): Promise<ProjectionStatusReport[]> {
  const [rows, states, letters, head, leader] = await Promise.all([
    db.selectFrom('projection_runtime.builds').selectAll().where('status', 'in', ['live', 'building']).orderBy('projection').orderBy('build_id').execute(),
    db.selectFrom('projection_runtime.runner_state').selectAll().execute(),
    db
      .selectFrom('projection_runtime.dead_letters')
      .select(['build_id', sql<string>`count(*)`.as('count')])
      .groupBy('build_id')
      .execute(),
    readLogHead(client),
    projectorLockHolder(db),
  ]);
  const lettersByBuild = new Map(letters.map((row) => [String(row.build_id), Number(row.count)]));
  const reports = new Map<string, ProjectionStatusReport>();
  for (const row of rows) {
    const build = toBuild(row);
    const state = states.find((s) => s.projection === build.projection);
    const report = reports.get(build.projection) ?? {
      name: build.projection,
      state: state?.state ?? 'unknown',
      leader,
      lastError: state?.last_error ?? null,
      stateChangedAt: state?.changed_at.toISOString() ?? null,
      builds: [],
    };
    reports.set(build.projection, report);
    const behind = head === null ? { count: 0, exact: true } : await countEventsAfter(client, build.checkpoint ?? 'start', { streamPrefixes: PROJECTED_STREAM_PREFIXES });
    const lastEventAt = row.last_event_at;
    report.builds.push({
      buildId: build.buildId,
      version: build.version,
      status: build.status as 'live' | 'building',
      checkpoint: formatCheckpoint(build.checkpoint),
      eventsApplied: Number(row.events_applied),
      lastEventAt: lastEventAt?.toISOString() ?? null,
      lagEvents: behind.count,
      lagEventsExact: behind.exact,
      lagSeconds: behind.count === 0 || head === null ? 0 : Math.max(0, (head.recordedAt.getTime() - (lastEventAt?.getTime() ?? head.recordedAt.getTime())) / 1000),
      deadLetters: lettersByBuild.get(build.buildId) ?? 0,
    });
  }
  return [...reports.values()];
}
