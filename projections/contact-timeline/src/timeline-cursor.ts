/** Where a page of the timeline ended: the last entry's time and log position. Opaque to clients. */
export interface TimelineCursor {
  readonly occurredAt: Date;
  readonly logPosition: string;
}

export function encodeTimelineCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt.toISOString(), cursor.logPosition])).toString('base64url');
}

/** The cursor, or undefined when the text is not one this API issued. */
export function decodeTimelineCursor(text: string): TimelineCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [at, position] = value as unknown[];
    if (typeof at !== 'string' || typeof position !== 'string' || !/^\d{1,19}$/.test(position)) return undefined;
    const occurredAt = new Date(at);
    return Number.isNaN(occurredAt.getTime()) ? undefined : { occurredAt, logPosition: position };
  } catch {
    return undefined;
  }
}
