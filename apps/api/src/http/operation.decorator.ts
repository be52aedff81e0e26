import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const OPERATION_METADATA = 'ledgerline:operation';

export interface OperationSpec {
  readonly summary: string;
  readonly tags?: readonly string[];
  /** Success answers by status code; error answers are documented once for all routes. */
  readonly responses: Readonly<Record<number, { readonly description: string; readonly schema?: z.ZodType }>>;
  /** Headers the route reads (Idempotency-Key, If-Match), for the docs. */
  readonly headers?: readonly ('Idempotency-Key' | 'If-Match')[];
}

/** Describes a route for the OpenAPI document. */
export const Operation = (spec: OperationSpec) => SetMetadata(OPERATION_METADATA, spec);
