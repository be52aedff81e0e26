import { EnvVar, invalid } from './env-var';

/** Declares a variable; an identity function that lets TypeScript infer the value type. */
export const envVar = <T>(definition: EnvVar<T>): EnvVar<T> => definition;

export interface IntegerOptions {
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
  readonly example?: number;
}

export function integerVar(name: string, options: IntegerOptions = {}): EnvVar<number> {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const range = `an integer from ${min} to ${max}`;
  return envVar({
    name,
    default: options.default === undefined ? undefined : String(options.default),
    example: String(options.example ?? options.default ?? Math.max(min, Math.min(max, 1))),
    parse(text) {
      // Number() would accept "1e3", "0x10" and " 42 "; a config value should be written plainly.
      if (!/^-?\d+$/.test(text)) return invalid(`must be ${range}`);
      const value = Number(text);
      if (!Number.isSafeInteger(value) || value < min || value > max) return invalid(`must be ${range}`);
      return value;
    },
  });
}
