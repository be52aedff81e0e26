/** The environment to read from; `process.env` by default. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One environment variable: how to read it and how to explain a bad value. */
export interface EnvVar<T> {
  readonly name: string;
  /** Used when the variable is unset or empty; without it the variable is required. */
  readonly default?: string;
  /** A good value, quoted in the error message. */
  readonly example: string;
  /** Returns the typed value, or throws `InvalidValueError` saying why the text is wrong. */
  parse(text: string): T;
  /** Hides secrets (passwords in URLs) before the value is quoted in an error message. */
  redact?(text: string): string;
}

export type EnvSpec = Readonly<Record<string, EnvVar<unknown>>>;

export type EnvValues<S extends EnvSpec> = { readonly [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

/** Thrown by `EnvVar.parse`; `reason` completes the sentence "VAR=value <reason>". */
export class InvalidValueError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidValueError';
  }
}

export const invalid = (reason: string): never => {
  throw new InvalidValueError(reason);
};

export interface ConfigProblem {
  readonly name: string;
  /** The offending text (redacted), or undefined when a required variable is missing. */
  readonly value: string | undefined;
  readonly reason: string;
  readonly example: string;
}

/** Every bad variable at once, so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n` +
        problems.map(describe).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

function describe({ name, value, reason, example }: ConfigProblem): string {
  const given = value === undefined ? `${name} is not set` : `${name}=${JSON.stringify(value)}`;
  return `  - ${given}: ${reason} (for example ${name}=${example})`;
}

/** Reads every variable of `spec`, then throws one ConfigError listing all the bad ones. */
export function readEnv<S extends EnvSpec>(spec: S, env: Env = process.env): EnvValues<S> {
  const values: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [key, variable] of Object.entries(spec)) {
    const given = env[variable.name];
    // An empty value is what `VAR=` in a compose or .env file produces: treat it as unset.
    const text = given === undefined || given === '' ? variable.default : given;
    const problem = (reason: string): ConfigProblem => ({
      name: variable.name,
      value: text === undefined ? undefined : (variable.redact?.(text) ?? text),
      reason,
      example: variable.example,
    });
    if (text === undefined) {
      problems.push(problem('is required'));
      continue;
    }
    try {
      values[key] = variable.parse(text);
    } catch (error) {
      if (!(error instanceof InvalidValueError)) throw error;
      problems.push(problem(error.reason));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(values) as EnvValues<S>;
}
