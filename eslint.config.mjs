import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'tmp/', 'bench-results/', 'coverage/', '.nx/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Only libs/event-store speaks to EventStoreDB; the embedded server serves the same protocol,
    // and tests drive it through the real client.
    files: ['apps/**/*.ts', 'projections/**/*.ts', 'libs/!(event-store)/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@eventstore/db-client', '@eventstore/db-client/*'], message: 'Use @ledgerline/event-store.' }] }],
    },
  },
);
