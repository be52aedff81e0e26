export { contactTimelineProjection } from './contact-timeline.projection';
export { timelineEntryOf, type TimelineEntry } from './timeline-entry';
export { decodeTimelineCursor, encodeTimelineCursor, type TimelineCursor } from './timeline-cursor';
export { timelinePage, type TimelineItem, type TimelinePage, type TimelineQuery } from './timeline-query';
export type { TimelineViews } from './timeline-tables';
