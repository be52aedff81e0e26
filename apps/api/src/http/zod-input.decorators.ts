import { Body, Param, Query } from '@nestjs/common';
import type { z } from 'zod';
import { InputLocation, ZodValidationPipe } from './zod-validation.pipe';

export const INPUT_SCHEMAS = 'ledgerline:input-schemas';
export type InputSchemas = Partial<Record<InputLocation, z.ZodType>>;

const bind = { body: Body, path: Param, query: Query } as const;

/**
 * Validates one input with `schema` and records the schema on the handler, so the OpenAPI document
 * is generated from the very schema that validates.
 */
const zodInput =
  (location: InputLocation) =>
  (schema: z.ZodType): ParameterDecorator =>
  (target, key, index) => {
    if (key === undefined) throw new Error('zod input decorators apply to route handlers only');
    const handler = (target as Record<string | symbol, object>)[key];
    const schemas: InputSchemas = Reflect.getMetadata(INPUT_SCHEMAS, handler) ?? {};
    Reflect.defineMetadata(INPUT_SCHEMAS, { ...schemas, [location]: schema }, handler);
    bind[location](new ZodValidationPipe(schema, location))(target, key, index);
  };

export const ZodBody = zodInput('body');
export const ZodParams = zodInput('path');
export const ZodQuery = zodInput('query');

export const getInputSchemas = (handler: object): InputSchemas => Reflect.getMetadata(INPUT_SCHEMAS, handler) ?? {};
