/** Drops keys whose value is undefined, so events and state serialise exactly as they compare. */
export const compact = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
