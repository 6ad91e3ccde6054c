// Lint: typescript-eslint with type information, plus quick checks that pure logic stays free
// of Node and Electron. The layers themselves (who may import whom, no cycles) are enforced by
// dependency-cruiser: .dependency-cruiser.cjs, `npm run lint:deps`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'worker_threads', 'child_process', 'http', 'crypto'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'corpus/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron'], message: 'Only main/electron may import electron.' }] },
      ],
    },
  },
  {
    // Pure logic: runs in Node, Electron and the browser alike.
    files: ['main/common/**/*.ts', 'main/extract/**/*.ts', 'main/engine/**/*.ts'],
    ignores: ['**/*.test.ts', 'main/engine/**/*.node.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: nodeBuiltins,
              message: 'Pure modules must not use Node; put I/O in main/corpus or main/service.',
            },
            { group: ['electron'], message: 'Only main/electron may import electron.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer is sandboxed: DOM only, and the shared contract.
    files: ['renderer/**/*.ts'],
    ignores: ['renderer/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron'],
              message: 'The renderer runs sandboxed: no Node or Electron.',
            },
          ],
        },
      ],
    },
  },
);
