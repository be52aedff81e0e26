import type { CustomerState, CustomerTotals, IdKind } from './customer.state';

/**
 * A state being evolved, copied on write. `evolve` drafts over a shared state and copies each branch
 * it touches once, so the state it was given never changes. `fold` starts from a private copy and then
 * writes in place, so loading a long stream costs O(events) instead of one branch copy per event.
 * Entries of `purchases` and `complaints` are replaced, never mutated, so they may stay shared.
 */
export class CustomerDraft {
  readonly state: CustomerState;
  private readonly copied = new Set<string>();

  private constructor(
    state: CustomerState,
    private readonly copyOnWrite: boolean,
  ) {
    this.state = state;
  }

  /** Drafts over a state someone else still holds. */
  static over(state: CustomerState): CustomerDraft {
    return new CustomerDraft({ ...state }, true);
  }

  /** Drafts over a private copy that this draft owns outright. */
  static owning(state: CustomerState): CustomerDraft {
    const { totals } = state;
    const usedIds = Object.fromEntries(Object.entries(state.usedIds).map(([kind, ids]) => [kind, [...ids]])) as CustomerState['usedIds'];
    return new CustomerDraft(
      {
        ...state,
        consents: { ...state.consents },
        preferences: { ...state.preferences },
        purchases: { ...state.purchases },
        complaints: { ...state.complaints },
        usedIds,
        totals: { ...totals, netSpendMinor: { ...totals.netSpendMinor } },
      },
      false,
    );
  }

  get consents() {
    return (this.state.consents = this.writable('consents', this.state.consents));
  }
  get preferences() {
    return (this.state.preferences = this.writable('preferences', this.state.preferences));
  }
  get purchases() {
    return (this.state.purchases = this.writable('purchases', this.state.purchases));
  }
  get complaints() {
    return (this.state.complaints = this.writable('complaints', this.state.complaints));
  }
  get totals(): CustomerTotals {
    return (this.state.totals = this.writable('totals', this.state.totals));
  }
  get netSpendMinor() {
    const totals = this.totals;
    return (totals.netSpendMinor = this.writable('totals.netSpendMinor', totals.netSpendMinor));
  }
  usedIds(kind: IdKind): string[] {
    const usedIds = (this.state.usedIds = this.writable('usedIds', this.state.usedIds));
    return (usedIds[kind] = this.writable(`usedIds.${kind}`, usedIds[kind]));
  }

  private writable<T extends object>(path: string, value: T): T {
    if (!this.copyOnWrite || this.copied.has(path)) return value;
    this.copied.add(path);
    return (Array.isArray(value) ? [...value] : { ...value }) as T;
  }
}
