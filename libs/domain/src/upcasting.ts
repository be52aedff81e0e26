import type { z } from 'zod';

// Reading the log: an event written at an older schema version is upcast one version at a time
// to the current shape, then validated, so decide/evolve and projections only ever see current shapes.

/** Turns the data of version `n` into the data of version `n + 1`; works on unvalidated JSON. */
export type Upcaster = (data: unknown) => unknown;

/** Per event type, the upcaster that leaves each old version: `{ CallLogged: { 1: v1ToV2 } }`. */
export type UpcasterTable<Type extends string> = Partial<Record<Type, Readonly<Record<number, Upcaster>>>>;

export interface EventIssue {
  path: string;
  reason: string;
}

/** Stored event data that cannot be read: unknown type, unknown version, or data that fails its schema. */
export class EventParseError extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    message: string,
    readonly issues: readonly EventIssue[] = [],
  ) {
    super(`${eventType} v${schemaVersion}: ${message}`);
    this.name = 'EventParseError';
  }
}

export interface EventCatalog<DataByType extends object> {
  schemas: { [K in keyof DataByType]: z.ZodType<DataByType[K]> };
  versions: Record<keyof DataByType, number>;
  upcasters: UpcasterTable<keyof DataByType & string>;
}

export type EventOf<DataByType extends object> = {
  [K in keyof DataByType]: { type: K; data: DataByType[K] };
}[keyof DataByType];

export const toEventIssues = (error: z.ZodError): EventIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), reason: issue.message }));

export function createEventParser<DataByType extends object>(catalog: EventCatalog<DataByType>) {
  return (type: string, data: unknown, schemaVersion: number): EventOf<DataByType> => {
    if (!Object.hasOwn(catalog.schemas, type)) throw new EventParseError(type, schemaVersion, 'unknown event type');
    const eventType = type as keyof DataByType & string;
    const current = catalog.versions[eventType];
    if (!Number.isInteger(schemaVersion) || schemaVersion < 0 || schemaVersion > current) {
      throw new EventParseError(type, schemaVersion, `unsupported schema version (current is ${current})`);
    }
    let upcast = data;
    for (let version = schemaVersion; version < current; version++) {
      const upcaster = catalog.upcasters[eventType]?.[version];
      if (!upcaster) throw new EventParseError(type, schemaVersion, `no upcaster from version ${version}`);
      upcast = upcaster(upcast);
    }
    const parsed = catalog.schemas[eventType].safeParse(upcast);
    if (!parsed.success) throw new EventParseError(type, schemaVersion, 'data does not match its schema', toEventIssues(parsed.error));
    return { type: eventType, data: parsed.data } as EventOf<DataByType>;
  };
}
