import type { shared } from './protocol';
import { invalidArgument } from './rpc-errors';

export function streamNameOf(identifier: shared.StreamIdentifier | undefined): string {
  const name = identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';
  if (name.length === 0) throw invalidArgument('A stream name is required.');
  return name;
}
