import { RequestMethod } from '@nestjs/common';
import { z } from 'zod';
import type { OperationSpec } from '../http/operation.decorator';
import type { InputSchemas } from '../http/zod-input.decorators';

export interface RouteDescription {
  readonly method: RequestMethod;
  /** Express-style, e.g. /v1/customers/:id */
  readonly path: string;
  readonly operation: OperationSpec;
  readonly inputs: InputSchemas;
  readonly secured: boolean;
  /** Any one of them will do. */
  readonly scopes?: readonly string[];
}

type JsonSchema = Record<string, unknown>;
const toJson = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
};

const errorSchema = z.object({
  error: z.string().describe('A stable code: validation_failed, unauthorized, forbidden, not_found, rule_violated, ...'),
  message: z.string(),
  rule: z.string().optional().describe('The violated business rule (422 rule_violated only)'),
  details: z.array(z.object({ path: z.string(), reason: z.string() })).optional(),
});

const errorResponses = (route: RouteDescription): Record<string, object> => {
  const ref = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const responses: Record<string, object> = {};
  if (route.inputs.body !== undefined || route.inputs.path !== undefined || route.inputs.query !== undefined) {
    responses['400'] = { description: 'Invalid input; details name each bad field', ...ref };
  }
  if (route.secured) responses['401'] = { description: 'Missing or unknown API key', ...ref };
  if (route.scopes !== undefined) responses['403'] = { description: `The key lacks the scope ${route.scopes.join(' or ')}`, ...ref };
  if (route.operation.headers !== undefined) {
    responses['404'] = { description: 'The customer or a referenced location does not exist', ...ref };
    responses['409'] = { description: 'Already exists, stale If-Match, or too many concurrent writers', ...ref };
    responses['422'] = { description: 'A business rule forbids the command (rule_violated), or the Idempotency-Key was used for another request', ...ref };
  }
  return responses;
};

const HEADERS = {
  'Idempotency-Key': {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Retrying with the same key and body returns the first answer and appends nothing; a different body is answered 422.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  'If-Match': {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The ETag ("<revision>") the caller decided on: the command runs only if the stream is still there, else 409.',
    schema: { type: 'string', pattern: '^"\\d+"$' },
  },
};

/** The OpenAPI 3.1 document, built from the routes' own zod schemas. */
export function buildOpenApiDocument(routes: readonly RouteDescription[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: object[] = [];
    for (const location of ['path', 'query'] as const) {
      const schema = route.inputs[location];
      if (schema === undefined) continue;
      const json = toJson(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: location, required: location === 'path' || (json.required ?? []).includes(name), schema: property });
      }
    }
    for (const header of route.operation.headers ?? []) parameters.push(HEADERS[header]);
    const responses: Record<string, object> = {};
    for (const [status, { description, schema }] of Object.entries(route.operation.responses)) {
      responses[status] = schema === undefined ? { description } : { description, content: { 'application/json': { schema: toJson(schema, 'output') } } };
    }
    const method = RequestMethod[route.method].toLowerCase();
    paths[path] = {
      ...paths[path],
      [method]: {
        summary: route.operation.summary,
        tags: route.operation.tags,
        ...(parameters.length > 0 && { parameters }),
        ...(route.inputs.body !== undefined && {
          requestBody: { required: true, content: { 'application/json': { schema: toJson(route.inputs.body, 'input') } } },
        }),
        responses: { ...responses, ...errorResponses(route) },
        ...(route.secured ? { security: route.scopes === undefined ? [{ apiKey: [] }] : route.scopes.map((scope) => ({ apiKey: [scope] })) } : { security: [] }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Ledgerline API', version: '1.0.0', description: 'Commands on customers and locations of the Ledgerline event-sourced CRM.' },
    paths,
    components: {
      schemas: { Error: toJson(errorSchema, 'output') },
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' } },
    },
  };
}
