import { Metadata, status as Code, type ServiceError } from '@grpc/grpc-js';

/** The gRPC errors EventStoreDB raises (RpcExceptions.cs): a status code plus `exception` trailers. */
export type RpcError = Partial<ServiceError> & { code: Code; details: string; metadata: Metadata };

function rpcError(code: Code, details: string, trailers: Record<string, string> = {}): RpcError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata, message: details, name: 'RpcError' };
}

export const streamDeleted = (stream: string) =>
  rpcError(Code.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, { exception: 'stream-deleted', 'stream-name': stream });

export const wrongExpectedVersion = (operation: string, stream: string, expectedVersion: number, actualVersion: number) =>
  rpcError(Code.FAILED_PRECONDITION, `${operation} failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${expectedVersion}, Actual version: ${actualVersion}`, {
    exception: 'wrong-expected-version',
    'stream-name': stream,
    'expected-version': String(expectedVersion),
    'actual-version': String(actualVersion),
  });

export const maximumAppendSizeExceeded = (maxAppendSize: number) =>
  rpcError(Code.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

export const requiredMetadataPropertyMissing = (property: string) =>
  rpcError(Code.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });

export const invalidArgument = (what: string) => rpcError(Code.INVALID_ARGUMENT, what);

export const invalidPosition = () => rpcError(Code.INVALID_ARGUMENT, 'Invalid position.');

export const internal = (error: unknown) =>
  rpcError(Code.INTERNAL, error instanceof Error ? error.message : String(error));
