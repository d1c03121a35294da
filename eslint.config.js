// @ts-check
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * What every TypeScript team expects, kept fast enough to run on every commit: the recommended
 * typescript-eslint rules (syntax only, no type information, so a run takes seconds), and React's hook
 * rules with exhaustive dependency lists, since a partial list is how a panel shows stale data.
 * Layering between rooms is checked by dependency-cruiser (.dependency-cruiser.cjs), not here.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.vitest-attachments/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    rules: {
      // Unused names are already type errors (noUnusedLocals, noUnusedParameters); `_`-prefixed ones are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      // `ready && start()` and `a ? f() : g()` as statements are the house style for one-line branches.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    // Tests read JSON documents the code under test wrote (exports, hub answers) and assert on their shape;
    // typing each document twice would add nothing the assertions do not already check.
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The unit tier shares one module graph per worker (vitest.config.ts, `isolate: false`), where a module
    // mock would leak into, or miss, the files around it. A test that must mock runs in a process of its own.
    files: ['tests/**/*.{ts,tsx}'],
    ignores: ['tests/security/**', 'tests/cli/**', 'tests/crash/**', 'tests/launcher/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'vi', property: 'mock', message: 'Module mocks leak between unit files; give the code a parameter, or move the test to the cli tier.' },
        { object: 'vi', property: 'doMock', message: 'Module mocks leak between unit files; give the code a parameter, or move the test to the cli tier.' },
      ],
    },
  },
  {
    // The CLI's Node-version check must run on any Node, so it stays plain JavaScript with require-free syntax.
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
