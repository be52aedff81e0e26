import { z } from 'zod';

export const SCOPES = ['commands:write', 'analytics:read', 'audit:read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who holds a key: `name` becomes the `actor` of the events its requests produce. */
export interface ApiPrincipal {
  readonly name: string;
  readonly scopes: ReadonlySet<Scope>;
}

export type ApiKeyTable = ReadonlyMap<string, ApiPrincipal>;

const scopeList = z.array(z.enum(SCOPES));
const apiKeysSchema = z.record(
  z
    .string()
    .min(16, 'a key must be at least 16 characters')
    // It travels as "Bearer <key>", where whitespace would end it.
    .regex(/^\S+$/, 'a key must not contain whitespace'),
  z.union([scopeList, z.strictObject({ name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/), scopes: scopeList })]),
);

/**
 * Parses API_KEYS: `{"<key>": ["commands:write", ...]}` or `{"<key>": {"name": "checkout", "scopes": [...]}}`.
 * A key given only its scopes is named after its first characters, so logs never show the whole key.
 */
export function parseApiKeys(text: string): ApiKeyTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('must be a JSON object');
  }
  const parsed = apiKeysSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${reasonOf(issue)}`).join('; '));
  }
  return new Map(
    Object.entries(parsed.data).map(([key, value]) =>
      Array.isArray(value)
        ? [key, { name: `key-${key.slice(0, 6)}`, scopes: new Set(value) }]
        : [key, { name: value.name, scopes: new Set(value.scopes) }],
    ),
  );
}

// zod reports a bad record key as "Invalid key in record"; the reason is in its nested issues.
function reasonOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'invalid_key' ? issue.issues.map((nested) => nested.message).join(', ') : issue.message;
}
