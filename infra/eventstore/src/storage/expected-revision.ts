/** What an append, a delete or a tombstone expects of the stream, as the client states it. */
export type ExpectedRevision =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'exact'; revision: number };

/** EventStoreDB's numeric form: any = -2, no_stream = -1, stream_exists = -4, else the revision. */
export function expectedVersionNumber(expected: ExpectedRevision): number {
  switch (expected.kind) {
    case 'any':
      return -2;
    case 'no_stream':
      return -1;
    case 'stream_exists':
      return -4;
    case 'exact':
      return expected.revision;
  }
}
