import type { DemoLocation } from './network';

// What the network sells, at euro list prices; each location charges the same in its own currency,
// rounded to its price step.

export type Sku = 'standard-clean' | 'deep-clean' | 'window-clean' | 'oven-clean' | 'carpet-clean' | 'move-out-clean' | 'fridge-clean' | 'eco-kit';

/** `hours`: sold by the hour, so the price follows the size of the customer's home (extra hours on top). */
export const CATALOGUE: Readonly<Record<Sku, { description: string; euros: number; maxQuantity: number; hours?: number }>> = {
  'standard-clean': { description: 'Standard home clean, per hour', euros: 34, maxQuantity: 1, hours: 0 },
  'deep-clean': { description: 'Deep clean, per hour', euros: 42, maxQuantity: 1, hours: 2 },
  'window-clean': { description: 'Window cleaning, inside and out', euros: 70, maxQuantity: 1 },
  'oven-clean': { description: 'Oven cleaning', euros: 55, maxQuantity: 1 },
  'carpet-clean': { description: 'Carpet cleaning, per room', euros: 45, maxQuantity: 4 },
  'move-out-clean': { description: 'Move-out clean, per hour', euros: 45, maxQuantity: 1, hours: 3 },
  'fridge-clean': { description: 'Fridge and freezer clean', euros: 40, maxQuantity: 1 },
  'eco-kit': { description: 'Eco cleaning kit', euros: 18, maxQuantity: 3 },
};

export const ADD_ONS: readonly Sku[] = ['oven-clean', 'fridge-clean', 'window-clean', 'eco-kit', 'carpet-clean'];

/** The unit price in minor units of the location's currency. */
export function unitPriceMinor(sku: Sku, location: DemoLocation): number {
  const local = CATALOGUE[sku].euros * location.pricePerEuro;
  return Math.max(1, Math.round(local / location.priceStep)) * location.priceStep * 100;
}
