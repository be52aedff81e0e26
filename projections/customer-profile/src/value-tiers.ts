// A customer's value tier, from their net revenue (purchases − refunds) in each currency. Thresholds are
// per currency, in minor units, set at roughly the same purchasing power (≈ 500, 2,000 and 10,000 EUR);
// amounts in different currencies are never added. The tier is the highest one reached in any currency.
// A currency without thresholds here can give bronze at most. Changing a threshold changes stored rows:
// raise the projection's version so a rebuild applies it.

export const VALUE_TIERS = ['none', 'bronze', 'silver', 'gold', 'platinum'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

/** Net revenue from which a customer is [silver, gold, platinum], minor units. */
export const VALUE_TIER_THRESHOLDS: Readonly<Record<string, readonly [number, number, number]>> = {
  EUR: [500_00, 2_000_00, 10_000_00],
  USD: [550_00, 2_200_00, 11_000_00],
  CHF: [500_00, 2_000_00, 10_000_00],
  GBP: [450_00, 1_750_00, 8_500_00],
  NOK: [5_500_00, 22_000_00, 110_000_00],
  SEK: [5_500_00, 22_000_00, 110_000_00],
  DKK: [3_750_00, 15_000_00, 75_000_00],
};

/** none: no positive net revenue; bronze: some; silver, gold, platinum: past the currency's thresholds. */
export function valueTierOf(netRevenueMinor: ReadonlyMap<string, number>): ValueTier {
  let rank = 0;
  for (const [currency, amount] of netRevenueMinor) {
    if (amount <= 0) continue;
    const thresholds = Object.prototype.hasOwnProperty.call(VALUE_TIER_THRESHOLDS, currency) ? VALUE_TIER_THRESHOLDS[currency] : [];
    rank = Math.max(rank, 1 + thresholds.filter((threshold) => amount >= threshold).length);
  }
  return VALUE_TIERS[rank];
}
