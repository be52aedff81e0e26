import type { ExpectedRevision } from '../storage/expected-revision';

/** The expected-revision oneof of AppendReq, DeleteReq, TombstoneReq and BatchAppendReq options. */
interface ExpectedRevisionOptions {
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
  hasAny(): boolean;
}

export function expectedRevisionOf(options: ExpectedRevisionOptions, exact: string | undefined): ExpectedRevision {
  if (exact !== undefined) return { kind: 'exact', revision: Number(exact) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}
