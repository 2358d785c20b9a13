// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import direction: protocol ← core ← collector ← server; protocol ← web. */
const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((name) => ({
          group: [name, `${name}/*`],
          message: 'Imports flow protocol ← core ← collector ← server, and protocol ← web only.',
        })),
      },
    ],
  },
});

const DATABASE_MESSAGE = 'Only store/** talks to the database.';
const OUTBOUND_MESSAGE = 'Only notify/** makes outbound calls (it is the Notifier port); inject a Notifier instead.';

/** Modules (or their client-side exports) that reach out of the server. */
const OUTBOUND_IMPORTS = [
  { name: 'undici', message: OUTBOUND_MESSAGE },
  { name: 'nodemailer', message: OUTBOUND_MESSAGE },
  // Serving over node:http(s) is fine (createServer); requesting is not. `default` covers `http.request`.
  ...['node:http', 'http', 'node:https', 'https'].map((name) => ({
    name,
    importNames: ['default', 'request', 'get', 'Agent', 'globalAgent'],
    message: OUTBOUND_MESSAGE,
  })),
];
const OUTBOUND_GLOBALS = ['fetch', 'XMLHttpRequest'].map((name) => ({ name, message: OUTBOUND_MESSAGE }));

/**
 * The server's two import fences in one rule (a later `no-restricted-imports` replaces an earlier one
 * for the same file, so each file gets one list): only store/** imports database drivers, and only
 * notify/** (and tests) import HTTP and mail clients.
 */
const serverImports = (files, ignores, { database, outbound }) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          ...(database ? ['kysely', 'better-sqlite3', 'pg'].map((name) => ({ name, message: DATABASE_MESSAGE })) : []),
          ...(outbound ? OUTBOUND_IMPORTS : []),
        ],
      },
    ],
  },
});

/** Every folder under apps/web/src/features is a feature that must not import another. */
const webFeatures = readdirSync(new URL('./apps/web/src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'apps/web/vite.config.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        project: ['./tsconfig.json', './apps/web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration in apps/server/src/config/ only, then inject it.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  layer(
    ['packages/protocol/**'],
    ['@gpu-sentinel/core', '@gpu-sentinel/collector', '@gpu-sentinel/server', '@gpu-sentinel/web'],
  ),
  layer(
    ['packages/core/**'],
    [
      '@gpu-sentinel/collector',
      '@gpu-sentinel/server',
      '@gpu-sentinel/web',
      'node:*',
      'fs',
      'child_process',
      'net',
      'http',
    ],
  ),
  layer(
    ['packages/collector/**'],
    ['@gpu-sentinel/server', '@gpu-sentinel/web', 'kysely', 'better-sqlite3', 'fastify'],
  ),
  layer(['apps/web/**'], ['@gpu-sentinel/core', '@gpu-sentinel/collector', '@gpu-sentinel/server', 'node:*']),
  serverImports(['apps/server/src/**'], ['apps/server/src/store/**', 'apps/server/src/notify/**', '**/*.test.ts'], {
    database: true,
    outbound: true,
  }),
  serverImports(['apps/server/src/store/**'], ['**/*.test.ts'], { database: false, outbound: true }),
  serverImports(['apps/server/src/notify/**', 'apps/server/src/**/*.test.ts'], ['apps/server/src/store/**'], {
    database: true,
    outbound: false,
  }),
  {
    files: ['apps/server/src/**'],
    ignores: ['apps/server/src/notify/**', '**/*.test.ts'],
    rules: { 'no-restricted-globals': ['error', ...OUTBOUND_GLOBALS] },
  },
  {
    files: ['apps/server/src/config/**', 'e2e/**', 'bench/**', '**/*.test.ts', 'packages/collector/fake-nvidia-smi/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['apps/web/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Web features stand alone: what two features share lives in src/components or src/lib.
  ...webFeatures.map((feature) => ({
    files: [`apps/web/src/features/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(features/)?(${webFeatures.filter((other) => other !== feature).join('|')})/`,
              message: 'No imports across web features: move what they share to src/components or src/lib.',
            },
            { group: ['@gpu-sentinel/core', '@gpu-sentinel/collector', '@gpu-sentinel/server', 'node:*'] },
          ],
        },
      ],
    },
  })),
);
