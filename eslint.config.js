// Lint config. Besides the usual checks it enforces two boundaries (docs/architecture.md):
// - the pure core (everything below the hosts) never touches the file system, the network or a database;
//   only node/, probe/, cli/, lsp/ and service/ may;
// - the layer order: a module imports only from its own layer or the layers below it, and rules and the
//   decision read the template model (analysis/), never a parser (parse/).
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The layers of src/, bottom first. Each folder of src/ is in exactly one. */
export const LAYERS = [
  { name: 'core', folders: ['core', 'types'] },
  { name: 'parse', folders: ['parse'] },
  { name: 'analysis', folders: ['analysis'] },
  { name: 'rules', folders: ['rules'] },
  { name: 'decision', folders: ['decision'] },
  { name: 'config', folders: ['config'] },
  { name: 'review', folders: ['review'] },
  { name: 'hosts', folders: ['node', 'probe', 'format', 'api', 'cli', 'service', 'lsp', '.'] },
];
/** Layers that may not import a lower layer directly: they go through the one in between. */
export const NO_SKIP = { rules: ['parse'], decision: ['parse'] };

const SRC = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'src');

function layerOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const top = rel.includes(path.sep) ? rel.split(path.sep)[0] : '.';
  const i = LAYERS.findIndex((l) => l.folders.includes(top));
  return { top, index: i, name: i < 0 ? undefined : LAYERS[i].name };
}

const layerOrder = {
  meta: { type: 'problem', schema: [], docs: { description: 'Imports go down the layers of src/ (docs/architecture.md).' } },
  create(context) {
    const from = layerOf(context.filename);
    if (!from) return {};
    function check(node, source) {
      if (!source || typeof source.value !== 'string') return;
      if (from.index < 0) {
        context.report({ node, message: `src/${from.top}/ is not in the layer map (LAYERS in eslint.config.js, and docs/architecture.md): place it in a layer.` });
        return;
      }
      if (!source.value.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), source.value));
      if (!to || to.index < 0) return;
      if (to.index > from.index) {
        context.report({ node, message: `${from.name} (src/${from.top}) may not import ${to.name} (src/${to.top}): imports go down the layers (docs/architecture.md).` });
      } else if (NO_SKIP[from.name]?.includes(to.name)) {
        context.report({ node, message: `${from.name} reads the template model (src/analysis), never a parser (src/${to.top}): expose what you need from analysis.` });
      }
    }
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source),
    };
  },
};

const impure = [
  { group: ['node:*'], message: 'The pure core does no I/O: move this into src/node, src/probe or a host.' },
  { group: ['fs', 'fs/*', 'path', 'http', 'https', 'net', 'dns', 'child_process', 'worker_threads', 'os'], message: 'The pure core does no I/O.' },
  { group: ['express', 'linkinator', 'undici', 'better-sqlite3', 'pg', 'pg-boss'], message: 'Network and database code stays out of the pure core.' },
];

export default tseslint.config(
  // validators.generated.ts is generated (npm run schema) and opens with eslint-disable: parsing its 87 KB
  // checked nothing and cost a second.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.cache/**', 'src/config/validators.generated.ts'] },
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
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { inboxlint: { rules: { 'layer-order': layerOrder } } },
    rules: { 'inboxlint/layer-order': 'error' },
  },
  {
    // The VS Code extension is CommonJS, run by VS Code's extension host.
    files: ['editors/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**', 'src/parse/**', 'src/analysis/**', 'src/rules/**', 'src/decision/**', 'src/config/**', 'src/review/**', 'src/format/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: impure }] },
  },
  {
    // Loads CommonJS dependencies with require() (start-up: Node's export lexer); reads no input.
    files: ['src/core/cjs.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
