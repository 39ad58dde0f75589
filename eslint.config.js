import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';

/**
 * The floors inside src/main, lowest first: a file may import its own floor
 * and the floors below, never one above. store: files on disk (and leaf
 * helpers that import nothing of main); workspace: a workspace folder;
 * services: what the API does (datasets, search, suggest, sync, review, ...);
 * handlers: the API by namespace and its composition; transports: the
 * Electron shell, the browser host and the CLI.
 */
const MAIN_FLOORS = ['store', 'workspace', 'services', 'handlers', 'transports'];

/** The floor of a file of src/main, by its path inside src/main without the extension. */
function mainFloor(rel) {
  if (rel.startsWith('store/') || rel.startsWith('workers/') || ['paths', 'hostProtocol', 'boundary'].includes(rel)) return 'store';
  // validate/mentions, documentIndex and problem are the pure checks workspace/check.ts runs (the rest of validate/ is a service).
  if (rel === 'workspace' || rel.startsWith('workspace/') || ['validate/mentions', 'validate/documentIndex', 'validate/problem'].includes(rel)) return 'workspace';
  if (['host', 'index', 'cli'].includes(rel) || rel.startsWith('cli/')) return 'transports';
  if (['handlers', 'dispatch', 'session'].includes(rel) || rel.endsWith('/handlers')) return 'handlers';
  return 'services';
}

const mainRoot = path.resolve('src/main');
const relInMain = (file) => path.relative(mainRoot, file).replace(/\\/g, '/').replace(/(\/index)?\.tsx?$/, '');

/** Refuses an import in src/main that runs up a floor. */
const floorsPlugin = {
  rules: {
    'main-floors': {
      meta: { type: 'problem', schema: [], messages: { up: '{{from}} is on the {{fromFloor}} floor of src/main and may not import {{to}} on the {{toFloor}} floor (floors, lowest first: {{floors}}).' } },
      create(context) {
        const file = context.filename;
        const from = relInMain(file);
        const fromFloor = mainFloor(from);
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const target = path.resolve(path.dirname(file), source);
          if (!target.startsWith(mainRoot + path.sep)) return;
          const to = relInMain(target);
          const toFloor = mainFloor(to);
          if (MAIN_FLOORS.indexOf(toFloor) > MAIN_FLOORS.indexOf(fromFloor)) {
            context.report({ node, messageId: 'up', data: { from, fromFloor, to, toFloor, floors: MAIN_FLOORS.join(' <- ') } });
          }
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};

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
    plugins: { floors: floorsPlugin },
    rules: {
      'floors/main-floors': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'main never imports the renderer.' }] }],
    },
  },
);
