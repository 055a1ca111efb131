// Lint, and the one-way import rule of the architecture (docs/architecture.md):
//   shared ← main / preload / renderer / cli.  Do not relax these rules to make an import work:
//   move the code to the layer that may hold it instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'stream', 'events',
  'worker_threads', 'process', 'module', 'http', 'https', 'net', 'zlib', 'readline', 'buffer', 'assert'];
const nodePatterns = ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'dist-web/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts}'],
    ignores: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // shared/: pure TypeScript that runs everywhere. No Node, no Electron, no DOM, no other layer.
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodePatterns, message: 'src/shared runs in the browser too: no Node imports here.' },
          { group: ['electron', 'electron/*'], message: 'src/shared must not import Electron.' },
          { group: ['react', 'react-dom', 'react/*', 'three', 'three/*', '@xyflow/*'], message: 'UI libraries belong in src/renderer.' },
          { group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**', 'webgpu'], message: 'src/shared imports only src/shared (one-way layering).' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodePatterns, message: 'The renderer is sandboxed: reach Node through the preload API (src/shared/ipc.ts).' },
          { group: ['electron', 'electron/*'], message: 'The renderer never imports Electron; use window.snn (preload).' },
          { group: ['**/main/**', '**/preload/**', '**/cli/**', 'webgpu'], message: 'The renderer imports only src/shared and itself.' },
        ],
      }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/main/**', '**/renderer/**', '**/cli/**'], message: 'The preload imports only src/shared.' }],
      }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', '**/cli/**', '**/preload/**'], message: 'main imports only src/shared and itself.' }],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', '**/main/**', '**/preload/**', 'electron'], message: 'The CLI imports only src/shared and itself.' }],
      }],
    },
  },
);
