import type { ColumnType } from 'kysely';

/** The analytics view of the timeline (see contact-timeline.projection.ts), as the query side reads it. */
export interface TimelineView {
  customer_id: string;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  log_position: ColumnType<string, never, never>;
  location_id: string | null;
  channel: string;
  summary: string;
  data: unknown;
}

export interface TimelineViews {
  'analytics.contact_timeline': TimelineView;
}

/** The build's own table, as apply writes it. */
export interface TimelineTables {
  timeline_entries: {
    customer_id: string;
    event_id: string;
    event_type: string;
    occurred_at: string;
    log_position: string;
    location_id: string | null;
    channel: string;
    summary: string;
    data: string;
  };
}
