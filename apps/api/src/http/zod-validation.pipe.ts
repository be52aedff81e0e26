import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { ApiError, ErrorDetail } from './api-error';

/** Where an input comes from; reported in the docs and prefixes nothing (a body field is named as is). */
export type InputLocation = 'body' | 'path' | 'query';

/** Validates (and strips nothing: schemas are strict) one input with its zod schema; 400 naming every bad field. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly location: InputLocation,
  ) {}

  transform(value: unknown): z.output<S> {
    // reportInput: zod 4 leaves the input out of its issues otherwise, and detailsOf tells a missing
    // field from one of the wrong type by it. The input never leaves in the response.
    const parsed = this.schema.safeParse(value ?? (this.location === 'body' ? undefined : {}), { reportInput: true });
    if (parsed.success) return parsed.data;
    throw ApiError.validation(parsed.error.issues.flatMap((issue) => detailsOf(issue, this.location)));
  }
}

export function detailsOf(issue: z.core.$ZodIssue, location: InputLocation): ErrorDetail[] {
  const base = issue.path.map(String).join('.');
  const join = (key: string) => (base === '' ? key : `${base}.${key}`);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: join(key), reason: 'unknown field' }));
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [{ path: base === '' ? location : base, reason: base === '' ? `a JSON ${issue.expected} is required` : 'is required' }];
  }
  return [{ path: base === '' ? location : base, reason: issue.message }];
}
