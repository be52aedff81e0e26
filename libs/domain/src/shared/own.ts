/** Reads a record by a caller-supplied key without falling through to Object.prototype ("constructor", "__proto__"). */
export const own = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;
