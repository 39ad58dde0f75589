import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'http', 'child_process', 'url', 'stream', 'zlib'];

const rendererPatterns = [
  { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through the API client.' },
  { group: ['electron', ...nodeBuiltins], message: 'The renderer is a sandboxed web page: no Electron or Node modules.' },
];

export default tseslint.config(
  { ignores: ['*.tmp.*', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'bench/**/*.{js,ts}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // core is pure: no Electron, no Node, no DOM, nothing of the layers above it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', ...nodeBuiltins], message: 'src/core is pure TypeScript: no Electron or Node modules.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**', 'react', 'react-dom', 'lexical', '@lexical/*'], message: 'src/core imports nothing from the layers above it.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'process', 'Buffer', 'require'].map((name) => ({
          name,
          message: 'src/core runs anywhere: no DOM or Node globals.',
        })),
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hook rules; the compiler-oriented ones do not fit a renderer that drives an imperative view.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: rendererPatterns }],
    },
  },
  {
    // The renderer's floors: the app shell (app/) and the shared parts under the features (document/, reader/,
    // components/) never import a feature; features plug in through the registry, slices and App.tsx.
    files: ['src/renderer/{app,document,reader,components}/**/*.{ts,tsx}', 'src/renderer/api.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererPatterns,
            { group: ['**/features/**', '../App', './App'], message: 'app/, document/, reader/ and components/ sit below the features: a feature plugs in through the registry, a slice or App.tsx.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload exposes the contract and nothing else.' }] },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'main never imports the renderer.' }] }],
    },
  },
);
