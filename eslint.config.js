import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { fsWriteImports, LAYERS, layerZones, OTHER_WRITERS } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/generated/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/main.ts', 'src/cli/output.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error',
        { object: 'process', property: 'exit', message: 'Only src/cli/main.ts ends the process.' },
        // Several runs can share a process (src/run-environment.ts): each reads its own.
        { object: 'process', property: 'env', message: "Read the run's variables: runEnv().env (src/run-environment.ts) or the io.env passed in." },
        { object: 'process', property: 'cwd', message: "Read the run's folder: runEnv().cwd (src/run-environment.ts) or the io.cwd passed in." },
      ],
    },
  },
  {
    // The one place that falls back to the process's own environment.
    files: ['src/run-environment.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'Only src/cli/main.ts ends the process.' }],
    },
  },
  {
    // The dependency direction of ARCHITECTURE.md (eslint.layers.js). Type-only imports count too:
    // a type that a lower layer needs belongs in that layer.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [
          ...layerZones(),
          // The files at the top of src/ are the foundation: they import nothing of src/ but each other.
          { target: './src/*.ts', from: Object.keys(LAYERS).map((f) => `./src/${f}`), message: 'the files at the top of src/ are the foundation and import no folder of src/' },
          // One exit point: nothing imports the process entry.
          { target: './src', from: './src/cli/main.ts', message: 'src/cli/main.ts is the process entry; import src/cli/program.ts (run) instead' },
        ],
      }],
    },
  },
  {
    // The browser client (ui/src): TypeScript already knows the DOM's globals, so no-undef would only
    // repeat it wrongly. It may import from src/ only the API contract (types) and two pure tables
    // that pages show instead of keeping a second copy: Auto-Claude's env reach and the kinds (which
    // profile key selects which kind).
    files: ['ui/src/**/*.{ts,tsx}'],
    rules: {
      'no-undef': 'off',
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+src/(?!ui/api-types\\.ts$|core/auto-claude/env-reach\\.ts$|core/kinds\\.ts$)', message: 'the client imports from src/ only src/ui/api-types.ts (types), src/core/auto-claude/env-reach.ts and src/core/kinds.ts; everything else comes over the API' }] }],
    },
  },
  {
    // src/io/ is the one write layer; the few other writers are listed, with their reasons, in eslint.layers.js.
    files: ['src/**/*.ts'],
    ignores: ['src/io/**', ...Object.keys(OTHER_WRITERS)],
    rules: {
      'no-restricted-imports': ['error', { paths: fsWriteImports('only src/io/ writes to disk (its transaction is atomic, all-or-nothing and never follows a link); write through it, or list the file with its reason in OTHER_WRITERS of eslint.layers.js') }],
    },
  },
);
