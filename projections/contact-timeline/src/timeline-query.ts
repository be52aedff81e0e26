import { sql, type Kysely } from 'kysely';
import { encodeTimelineCursor, type TimelineCursor } from './timeline-cursor';
import type { TimelineViews } from './timeline-tables';

export interface TimelineQuery {
  readonly customerId: string;
  readonly types?: readonly string[];
  readonly locationId?: string;
  /** Inclusive. */
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
  readonly limit: number;
  readonly after?: TimelineCursor;
}

export interface TimelineItem {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly locationId: string | null;
  readonly channel: string;
  readonly summary: string;
  readonly data: unknown;
}

export interface TimelinePage {
  readonly items: TimelineItem[];
  /** Pass it back as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * A page of a customer's timeline, newest first. Keyset pagination on (occurred_at, log_position)
 * walks the index from where the last page ended, so page 1,000 costs what page 1 does.
 */
export async function timelinePage(db: Kysely<TimelineViews>, query: TimelineQuery): Promise<TimelinePage> {
  let select = db
    .selectFrom('analytics.contact_timeline')
    .select(['event_id', 'event_type', 'occurred_at', 'log_position', 'location_id', 'channel', 'summary', 'data'])
    .select(sql<string>`to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('occurred_us'))
    .where('customer_id', '=', query.customerId);
  if (query.types !== undefined && query.types.length > 0) select = select.where('event_type', 'in', [...query.types]);
  if (query.locationId !== undefined) select = select.where('location_id', '=', query.locationId);
  if (query.from !== undefined) select = select.where('occurred_at', '>=', query.from);
  if (query.to !== undefined) select = select.where('occurred_at', '<', query.to);
  if (query.after !== undefined) {
    const { occurredAt, logPosition } = query.after;
    select = select.where(sql<boolean>`(occurred_at, log_position) < (${occurredAt}::timestamptz, ${logPosition}::bigint)`);
  }
  const rows = await select
    .orderBy('occurred_at', 'desc')
    .orderBy('log_position', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      eventId: row.event_id,
      type: row.event_type,
      occurredAt: row.occurred_at.toISOString(),
      locationId: row.location_id,
      channel: row.channel,
      summary: row.summary,
      data: row.data,
    })),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeTimelineCursor({ occurredAt: last.occurred_us, logPosition: String(last.log_position) }) : null,
  };
}
