import type { ResponseSink } from './response-sink';
import { internal, RpcError } from './rpc-errors';

export function isRpcError(error: unknown): error is RpcError {
  return typeof error === 'object' && error !== null && 'code' in error && 'metadata' in error;
}

/** Ends a stream with the error EventStoreDB would give, or an internal error for a bug of ours. */
export function failWith(sink: ResponseSink, error: unknown): void {
  if (!isRpcError(error)) console.error('eventstore: unexpected error in a read', error);
  sink.fail(isRpcError(error) ? error : internal(error));
}
