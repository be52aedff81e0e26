// The fallback for the value of a customer's future transactions when the Gamma-Gamma model cannot be had: its
// fit did not converge (e.g. every customer spends the same, so the likelihood keeps rising as p → ∞), or no
// customer has a repeat transaction to fit it on. It is the population's mean spend per transaction, the same for
// every customer: what Gamma-Gamma predicts for a customer it knows nothing about, without the pull towards a
// customer's own mean spend that the model would add.

import type { CustomerSummary } from './customer-summary';

/**
 * Which transactions were averaged: the repeat ones, which are what Gamma-Gamma describes (the first transaction
 * is the acquisition, often atypical), or, when no customer has a repeat transaction, each customer's first.
 */
export type MeanValueBasis = 'repeat-transactions' | 'first-transactions';

export interface MeanTransactionValue {
  /** Mean value of a transaction, in the unit of zbar. */
  readonly value: number;
  readonly basis: MeanValueBasis;
  /** How many transactions were averaged. */
  readonly transactions: number;
}

/**
 * Mean spend per transaction across the population: Σ x·zbar / Σ x over the customers with x > 0 (so a customer
 * weighs by its number of repeat transactions), or, when no customer has one, the mean of `firstTransactionValues`
 * (the value of each customer's first transaction). Throws a RangeError when there is nothing to average or a
 * value is not a positive amount.
 */
export const meanTransactionValue = (customers: readonly CustomerSummary[], firstTransactionValues: readonly number[] = []): MeanTransactionValue => {
  let transactions = 0;
  let total = 0;
  customers.forEach((customer, i) => {
    if (!Number.isInteger(customer.x) || customer.x < 0) throw new RangeError(`meanTransactionValue: customer #${i}: x must be a non-negative integer (got ${customer.x})`);
    if (customer.x === 0) return;
    const zbar = customer.zbar;
    if (zbar === undefined || !Number.isFinite(zbar) || zbar <= 0) {
      throw new RangeError(`meanTransactionValue: customer #${i}: zbar must be a positive amount when x > 0 (got ${zbar})`);
    }
    transactions += customer.x;
    total += customer.x * zbar;
  });
  if (transactions > 0) return { value: total / transactions, basis: 'repeat-transactions', transactions };

  firstTransactionValues.forEach((value, i) => {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`meanTransactionValue: first transaction #${i} must be a positive amount (got ${value})`);
  });
  if (firstTransactionValues.length === 0) {
    throw new RangeError('meanTransactionValue: no repeat transaction and no first transaction values, so there is nothing to average');
  }
  const sum = firstTransactionValues.reduce((acc, value) => acc + value, 0);
  return { value: sum / firstTransactionValues.length, basis: 'first-transactions', transactions: firstTransactionValues.length };
};
