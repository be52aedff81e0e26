import { z } from 'zod';
import { customerEventDataSchemas, type CustomerEventType } from '@ledgerline/domain';
import { decodeTimelineCursor } from '@ledgerline/projections/contact-timeline';

// Every customer event is a line of the timeline.
const TIMELINE_TYPES = Object.keys(customerEventDataSchemas) as [CustomerEventType, ...CustomerEventType[]];

export const timelineQuery = z
  .strictObject({
    types: z
      .string()
      .transform((text) => text.split(',').map((type) => type.trim()).filter((type) => type !== ''))
      .pipe(z.array(z.enum(TIMELINE_TYPES)))
      .optional()
      .describe('Comma-separated event types, e.g. CallLogged,EmailLogged'),
    locationId: z.string().min(1).max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional().describe('Inclusive, ISO 8601'),
    to: z.iso.datetime({ offset: true }).optional().describe('Exclusive, ISO 8601'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z
      .string()
      .max(200)
      .refine((text) => decodeTimelineCursor(text) !== undefined, 'is not a cursor from an earlier page')
      .optional()
      .describe('nextCursor of the previous page'),
  })
  .refine((query) => query.from === undefined || query.to === undefined || Date.parse(query.from) < Date.parse(query.to), {
    path: ['to'],
    message: 'must be after from',
  });
export type TimelineQueryParams = z.output<typeof timelineQuery>;

export const timelinePageSchema = z.object({
  items: z.array(
    z.object({
      eventId: z.string(),
      type: z.string(),
      occurredAt: z.string(),
      locationId: z.string().nullable(),
      channel: z.string(),
      summary: z.string(),
      data: z.unknown(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
