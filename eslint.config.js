// Lint config. Besides the usual checks it enforces the design's import boundary:
// the pure core (core, parse, rules, config, score, format) never touches the file system,
// the network or a database; only node/, probe/, cli/, lsp/ and service/ may.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const impure = [
  { group: ['node:*'], message: 'The pure core does no I/O: move this into src/node, src/probe or a host.' },
  { group: ['fs', 'fs/*', 'path', 'http', 'https', 'net', 'dns', 'child_process', 'worker_threads', 'os'], message: 'The pure core does no I/O.' },
  { group: ['express', 'linkinator', 'undici', 'better-sqlite3', 'pg', 'pg-boss'], message: 'Network and database code stays out of the pure core.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', performance: 'readonly', AbortController: 'readonly', structuredClone: 'readonly', setImmediate: 'readonly', Intl: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/core/**', 'src/parse/**', 'src/rules/**', 'src/config/**', 'src/score/**', 'src/format/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: impure }] },
  },
);
