/** Ids unique within one customer (the API's rule), per kind: order-0001, call-0001, ... */
export type NextId = (kind: string) => string;

export function idSequence(): NextId {
  const counts = new Map<string, number>();
  return (kind) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    return `${kind}-${String(n).padStart(4, '0')}`;
  };
}
