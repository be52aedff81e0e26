/**
 * Where a page of the timeline ended: the last entry's time and log position. Opaque to clients. The
 * time keeps PostgreSQL's microseconds (a JavaScript Date would drop them, and the next page would
 * skip entries a microsecond apart).
 */
export interface TimelineCursor {
  /** ISO 8601 UTC with microseconds, as `occurred_us` renders it. */
  readonly occurredAt: string;
  readonly logPosition: string;
}

const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeTimelineCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.logPosition])).toString('base64url');
}

/** The cursor, or undefined when the text is not one this API issued. */
export function decodeTimelineCursor(text: string): TimelineCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [at, position] = value as unknown[];
    if (typeof at !== 'string' || !EXACT_TIME.test(at) || Number.isNaN(Date.parse(at))) return undefined;
    if (typeof position !== 'string' || !/^\d{1,19}$/.test(position)) return undefined;
    return { occurredAt: at, logPosition: position };
  } catch {
    return undefined;
  }
}
