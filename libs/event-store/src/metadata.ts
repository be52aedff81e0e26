/** Carried, as JSON, in the metadata of every Ledgerline event. */
export interface EventMetadata {
  /** Shared by every command and event of one business flow, from the first request on. */
  readonly correlationId: string;
  /** Id of the command or event that directly caused this event. */
  readonly causationId: string;
  /** Who acted: `user:<id>`, `service:<name>`, … */
  readonly actor: string;
  /** The service that appended the event: `api`, `worker`, … */
  readonly source: string;
  /** Version of this event type's data schema, for upcasting old events. */
  readonly schemaVersion: number;
  /** The Idempotency-Key of the request that produced the event, if it had one. */
  readonly idempotencyKey?: string;
}

/** Metadata of an event appended in reaction to `cause`: same correlation, caused by the cause's event id. */
export function causedBy(
  cause: { readonly id: string; readonly metadata: Pick<EventMetadata, 'correlationId'> },
  own: Pick<EventMetadata, 'actor' | 'source' | 'schemaVersion' | 'idempotencyKey'>,
): EventMetadata {
  return pick({ ...own, correlationId: cause.metadata.correlationId, causationId: cause.id });
}

/**
 * Metadata of an event decided by a command. The command id is the cause; it also starts the
 * correlation unless the request carried one (an upstream service's flow).
 */
export function commandMetadata(
  command: { readonly commandId: string; readonly correlationId?: string },
  own: Pick<EventMetadata, 'actor' | 'source' | 'schemaVersion' | 'idempotencyKey'>,
): EventMetadata {
  return pick({ ...own, correlationId: command.correlationId ?? command.commandId, causationId: command.commandId });
}

/** Checks a value read from (or about to be written to) the log; throws a TypeError naming each bad field. */
export function parseEventMetadata(value: unknown): EventMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('metadata must be a JSON object');
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of ['correlationId', 'causationId', 'actor', 'source'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '') problems.push(`${field} must be a non-empty string`);
  }
  if (!Number.isSafeInteger(record.schemaVersion) || (record.schemaVersion as number) < 1) {
    problems.push('schemaVersion must be a positive integer');
  }
  if (record.idempotencyKey !== undefined && (typeof record.idempotencyKey !== 'string' || record.idempotencyKey === '')) {
    problems.push('idempotencyKey, when present, must be a non-empty string');
  }
  if (problems.length > 0) throw new TypeError(`invalid event metadata: ${problems.join('; ')}`);
  return pick({
    correlationId: record.correlationId as string,
    causationId: record.causationId as string,
    actor: record.actor as string,
    source: record.source as string,
    schemaVersion: record.schemaVersion as number,
    idempotencyKey: record.idempotencyKey as string | undefined,
  });
}

// Only the known fields, and no `"idempotencyKey": undefined`: what is written to the log is exactly this shape.
function pick(metadata: EventMetadata): EventMetadata {
  const { correlationId, causationId, actor, source, schemaVersion, idempotencyKey } = metadata;
  const known = { correlationId, causationId, actor, source, schemaVersion };
  return idempotencyKey === undefined ? known : { ...known, idempotencyKey };
}
