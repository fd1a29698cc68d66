import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'worker_threads',
  'buffer',
  'util',
  'events',
  'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'coverage/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', ...nodeBuiltins, '**/electron/**'],
              message: 'The page talks to the core only through renderer/api.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts', 'electron/cli.ts', 'electron/host.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'The core runs without Electron: keep Electron in electron/main.ts and electron/security/hardening.ts.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'Nothing imports from the renderer.' }],
        },
      ],
    },
  },
  {
    // The core is what every transport wraps: it reaches outward only through what it is given (SecretStore,
    // PdfPrinter), never by importing a transport, Electron's security setup or a browser driver.
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The core runs without Electron.' },
            { name: 'playwright-core', message: 'Printing is a PdfPrinter the transport passes in.' },
          ],
          patterns: [
            { group: ['**/renderer/**'], message: 'Nothing imports from the renderer.' },
            {
              group: [
                '**/electron/security/**',
                '**/electron/web/**',
                '**/electron/native/**',
                '../../security/**',
                '../../web/**',
                '../../native/**',
                '../security/**',
                '../web/**',
                '../native/**',
              ],
              message: 'The core does not reach into a transport; take what it needs as an option (see core.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', ...nodeBuiltins, '**/electron/**', '**/renderer/**', '**/server/**'],
              message: 'shared/ imports neither Node, the DOM nor another side.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', '**/electron/**', '**/renderer/**'], message: 'The server depends only on shared/.' },
          ],
        },
      ],
    },
  },
);
