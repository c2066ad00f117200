// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    // The two AssemblyScript kernels below inline helpers with `@inline` on a function, a
    // decorator TypeScript's parser refuses (asc compiles them; measured 0.63x vs 0.79x of s8
    // without it on the s4 GEMV): eslint cannot parse them, so they are left out.
    ignores: ['packages/kernel-wasm/asm/gemv-s4.ts', 'packages/kernel-wasm/asm/dense-w8a8.ts', '.examples/**', '**/e2e-output/**', '**/dist/**', '**/node_modules/**', 'docs/api/**', '**/.turbo/**', '**/coverage/**', '**/build/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Kernel hot loops read typed arrays with non-null assertions; allowed there only.
    files: ['**/src/kernels/**/*.ts', '**/src/impl/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
