/** Freezes a plain JSON-like value and everything under it. */
export const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') for (const child of Object.values(Object.freeze(value))) deepFreeze(child);
  return value;
};
