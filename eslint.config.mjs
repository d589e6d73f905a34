// ESLint (flat config) enforcing the layers of ../shared/design/architecture.md: the pure core
// (common/src) uses no Node, no DOM and no editor API; the server is wiring for any host, with
// Node only in server/src/node; the webview is a page (no Node, no vscode); the client never
// re-checks (no engine). `npm test` runs it as its own suite (test/run.sh).
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os',
  'path', 'process', 'readline', 'stream', 'string_decoder', 'tty', 'url', 'util', 'worker_threads', 'zlib'];
const node = { group: ['node:*', ...NODE_BUILTINS], message: 'Node belongs in a node host folder (server/src/node, client/src/node).' };
const vscode = { group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The editor API belongs in client/src.' };
const DOM_GLOBALS = ['window', 'document', 'navigator', 'HTMLElement', 'Element', 'localStorage', 'location', 'fetch', 'self', 'postMessage']
  .map((name) => ({ name, message: 'No DOM in this layer: it runs in Node, a worker and the browser alike.' }));
const NODE_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate']
  .map((name) => ({ name, message: 'No Node globals in this layer: pass what you need from the host.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/**', 'bench/**', '*.mjs', '*.js'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    // Other tools' directives (no-control-regex) stay; this config only checks layers.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: ['common/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [node, vscode,
        { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'common/src uses only the protocol/types packages.' },
        { group: ['**/server/**', '**/client/**'], message: 'common/src is imported by the hosts, never the other way round.' }] }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/node/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [node, vscode, { group: ['**/client/**'], message: 'The server never imports the client.' }] }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS],
    },
  },
  {
    files: ['server/src/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [vscode, { group: ['**/client/**'], message: 'The server never imports the client.' }] }] },
  },
  {
    files: ['client/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [node, vscode, { group: ['**/engine/**', '**/features/check*'], message: 'The map draws the server\'s model; it never re-checks.' }] }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/engine/**', '**/features/check', '**/features/check.js'], message: 'The client never re-checks: ask the server.' }] }],
    },
  },
  {
    // What the browser client bundles (client/src/browser/extension.ts and the modules it shares
    // with the desktop client): no Node. The desktop passes its Node pieces in (writeLocalFile).
    files: ['client/src/browser/**/*.ts', 'client/src/common/**/*.ts', 'client/src/memoryMapPanel.ts', 'client/src/statusItem.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [node,
        { group: ['**/engine/**', '**/features/check', '**/features/check.js'], message: 'The client never re-checks: ask the server.' },
        { group: ['**/node/**', 'vscode-languageclient/node'], message: 'The browser client bundles this file: no Node host code.' }] }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
);
