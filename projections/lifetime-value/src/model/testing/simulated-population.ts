import { seededRandom } from '@ledgerline/testing';
import type { TransactionHistory } from '../lifetime-value-scores';

// A seeded population that buys as the BG/NBD and Gamma-Gamma models assume, for specs that need a
// realistic population to fit: while alive a customer buys at rate λ ~ Gamma(r, α) a week and drops out
// after each purchase with probability p ~ Beta(a, b); each customer's spend is Gamma around their own
// mean, which varies across customers.

export interface SimulatedPurchase {
  readonly customerId: string;
  /** UTC day number (days since 1970-01-01). */
  readonly day: number;
  readonly amountMinor: number;
}

export interface PopulationOptions {
  readonly seed: number;
  readonly customers: number;
  /** First day of the acquisition window; customers are acquired over its first `acquisitionWeeks` weeks. */
  readonly startDay: number;
  readonly acquisitionWeeks: number;
  /** Last day of the observation period. */
  readonly endDay: number;
  readonly idPrefix?: string;
}

export function simulatePopulation(options: PopulationOptions): SimulatedPurchase[] {
  const random = seededRandom(options.seed);
  const gamma = (shape: number, rate: number): number => sampleGamma(random, shape) / rate;
  const purchases: SimulatedPurchase[] = [];
  for (let i = 0; i < options.customers; i++) {
    const customerId = `${options.idPrefix ?? 'sim'}-${String(i).padStart(4, '0')}`;
    const lambda = gamma(0.6, 6); // purchases a week: mean 0.1
    const x = gamma(0.8, 1);
    const dropout = x / (x + gamma(3, 1)); // Beta(0.8, 3)
    const meanSpend = 200_00 / (1 + gamma(3, 3)) + 20_00;
    let weeks = Math.floor(random() * options.acquisitionWeeks * 7) / 7;
    for (;;) {
      const day = options.startDay + Math.floor(weeks * 7);
      if (day > options.endDay) break;
      purchases.push({ customerId, day, amountMinor: Math.max(1, Math.round((meanSpend * gamma(4, 1)) / 4)) });
      if (random() < dropout) break;
      weeks += -Math.log(1 - random()) / lambda;
    }
  }
  return purchases;
}

/** What the refresh reads from the purchase-days view, for purchases on or before `asOfDay`. */
export function historiesOf(purchases: readonly SimulatedPurchase[], asOfDay: number, currency = 'NOK'): TransactionHistory[] {
  const days = new Map<string, Map<number, number>>();
  for (const p of purchases) {
    if (p.day > asOfDay) continue;
    const byDay = days.get(p.customerId) ?? new Map<number, number>();
    byDay.set(p.day, (byDay.get(p.day) ?? 0) + p.amountMinor);
    days.set(p.customerId, byDay);
  }
  return [...days].map(([customerId, byDay]) => {
    const sorted = [...byDay].sort(([a], [b]) => a - b);
    return {
      customerId,
      currency,
      transactions: sorted.length,
      firstDay: sorted[0][0],
      lastDay: sorted[sorted.length - 1][0],
      totalMinor: sorted.reduce((sum, [, amount]) => sum + amount, 0),
      firstDayMinor: sorted[0][1],
    };
  });
}

// Marsaglia & Tsang (2000); shapes below 1 through Gamma(shape + 1) · U^(1/shape).
function sampleGamma(random: () => number, shape: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const v = Math.pow(1 + c * z, 3);
    if (v <= 0) continue;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}
