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
  {
    files: ['apps/server/src/**'],
    ignores: ['apps/server/src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['kysely', 'better-sqlite3', 'pg'].map((name) => ({
            name,
            message: 'Only store/** talks to the database.',
          })),
        },
      ],
    },
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
