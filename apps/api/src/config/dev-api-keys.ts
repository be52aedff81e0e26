/**
 * Keys for local development (`npm start`) only, used when API_KEYS is unset outside production.
 *   curl -H 'Authorization: Bearer dev-writer-key-0000000000' ...   (commands:write)
 *   curl -H 'Authorization: Bearer dev-admin-key-00000000000' ...   (every scope)
 */
export const DEV_API_KEYS = JSON.stringify({
  'dev-writer-key-0000000000': { name: 'dev-writer', scopes: ['commands:write'] },
  'dev-analyst-key-000000000': { name: 'dev-analyst', scopes: ['analytics:read'] },
  'dev-auditor-key-000000000': { name: 'dev-auditor', scopes: ['audit:read'] },
  'dev-admin-key-00000000000': { name: 'dev-admin', scopes: ['commands:write', 'analytics:read', 'audit:read', 'admin'] },
});
