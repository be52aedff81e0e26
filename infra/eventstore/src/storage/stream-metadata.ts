/** EventStoreDB's stream metadata, as far as reads and writes of this server honour it. */
export interface StreamMetadata {
  maxCount?: number;
  /** Seconds. */
  maxAge?: number;
  truncateBefore?: number;
  /** `$tb` set to EventStoreDB's "deleted stream" event number: the stream was soft-deleted. */
  softDeleted: boolean;
}

/** EventStoreDB's EventNumber.DeletedStream (long.MaxValue), the `$tb` of a soft-deleted stream. */
export const DELETED_STREAM = '9223372036854775807';
export const METADATA_EVENT_TYPE = '$metadata';
export const STREAM_DELETED_EVENT_TYPE = '$streamDeleted';

/** Metastreams keep only their last event, as in EventStoreDB (MetastreamMaxCount = 1). */
export const METASTREAM_METADATA: StreamMetadata = { maxCount: 1, softDeleted: false };
export const NO_METADATA: StreamMetadata = { softDeleted: false };

export const isMetastream = (stream: string): boolean => stream.startsWith('$$');
export const metastreamOf = (stream: string): string => `$$${stream}`;
export const originalStreamOf = (metastream: string): string => metastream.slice(2);

export function parseStreamMetadata(raw: Uint8Array): StreamMetadata {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    return NO_METADATA;
  }
  if (json === null || typeof json !== 'object') return NO_METADATA;
  const count = (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  const truncateBefore = count(json.$tb);
  const softDeleted = truncateBefore !== undefined && truncateBefore >= Number.MAX_SAFE_INTEGER;
  return {
    maxCount: count(json.$maxCount),
    maxAge: count(json.$maxAge),
    truncateBefore: softDeleted ? undefined : truncateBefore,
    softDeleted,
  };
}

/**
 * The metadata JSON of a stream recreated after a soft delete: the previous metadata with `$tb`
 * moved to the first new revision, so the old events stay hidden (EventStoreDB's SoftUndeleteRawMeta).
 */
export function undeletedMetadata(raw: Uint8Array | undefined, recreateFrom: number): Buffer {
  let json: Record<string, unknown> = {};
  try {
    const parsed = raw ? JSON.parse(Buffer.from(raw).toString('utf8')) : {};
    if (parsed && typeof parsed === 'object') json = parsed;
  } catch {
    // Unparseable metadata is replaced, as EventStoreDB would fail to rewrite it too.
  }
  return Buffer.from(JSON.stringify({ ...json, $tb: recreateFrom }), 'utf8');
}

export function softDeletedMetadata(): Buffer {
  return Buffer.from(`{"$tb":${DELETED_STREAM}}`, 'utf8');
}
