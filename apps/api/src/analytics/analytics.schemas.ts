import { z } from 'zod';
import { currencySchema } from '@ledgerline/domain';
import { RANKING_METRICS } from '@ledgerline/projections/location-performance';
import { RFM_SEGMENTS } from '@ledgerline/projections/lifetime-value';

const day = z.iso.date().describe('A calendar day, YYYY-MM-DD (in each location’s time zone)');

const inOrder = { check: (query: { from: string; to: string }) => query.from <= query.to, params: { path: ['to'], message: 'must not be before from' } };

export const locationPerformanceQuery = z
  .strictObject({ from: day, to: day, granularity: z.enum(['day', 'week', 'month']).default('day') })
  .refine(inOrder.check, inOrder.params);
export type LocationPerformanceParams = z.output<typeof locationPerformanceQuery>;

export const networkRankingQuery = z
  .strictObject({
    from: day,
    to: day,
    orderBy: z.enum(RANKING_METRICS).default('netRevenueMinor'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    region: z.string().min(1).max(100).optional(),
    currency: currencySchema.optional().describe('Only the locations trading in this currency; money metrics always rank within each currency'),
  })
  .refine(inOrder.check, inOrder.params);
export type NetworkRankingParams = z.output<typeof networkRankingQuery>;

export const locationPath = z.strictObject({ id: z.string().min(1).max(100) });
export type LocationPath = z.output<typeof locationPath>;

export const topCustomersQuery = z.strictObject({
  locationId: z.string().min(1).max(100).optional(),
  segment: z.enum(RFM_SEGMENTS).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .optional(),
  orderBy: z.enum(['netRevenue', 'predictedValue']).default('netRevenue'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
export type TopCustomersParams = z.output<typeof topCustomersQuery>;
