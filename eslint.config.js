// typescript-eslint with the Lit and web-component rule sets (issue 2).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'storybook-static/**',
      'coverage/**',
      'bench/**',
      'public/**',
      'node_modules/**',
      'mocks/out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  wcConfigs['flat/recommended'],
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
        process: 'readonly',
        customElements: 'readonly',
        HTMLElement: 'readonly',
        Event: 'readonly',
        CustomEvent: 'readonly',
        AbortController: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Adapter strings are never parsed as HTML (DESIGN.md).',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Adapter strings are never parsed as HTML (DESIGN.md).',
        },
        { selector: "CallExpression[callee.name='eval']", message: 'No eval: the kit runs under strict CSP.' },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'No new Function: the kit runs under strict CSP.',
        },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'No unsafeHTML (DESIGN.md).' }] },
      ],
    },
  },
  {
    files: ['test/**', 'mocks/**', '.ci/**', '**/*.mjs', '*.config.*', '.storybook/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // A focused or skipped test makes a green run prove less than it says: never committed.
    files: ['test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test', 'suite', 'context'].flatMap((object) =>
          ['only', 'skip', 'todo'].map((property) => ({
            object,
            property,
            message: 'No focused, skipped or todo tests: every test runs on every run.',
          })),
        ),
      ],
      'no-restricted-globals': [
        'error',
        ...['xit', 'xdescribe', 'xcontext', 'fit', 'fdescribe'].map((name) => ({
          name,
          message: 'No focused or skipped tests: every test runs on every run.',
        })),
      ],
    },
  },
);
