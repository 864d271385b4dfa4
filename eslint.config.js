// Flat config: ESLint 10 reads only eslint.config.*.
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'fixtures/**', '.scratch/**', 'src/config/generated/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Regular expressions run over text from the repository under review: none may backtrack
    // super-linearly (ReDoS). Prefer splitting and scanning to clever expressions.
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  {
    // Rules reach the repository only through the project model and its facts: no file system, no
    // parser (type-only imports of YNode and Location aside). See docs/ARCHITECTURE.md.
    files: ['rules/**/*.ts'],
    ignores: ['rules/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:fs', message: 'Rules read files through ctx.facts, never the file system.' },
            { name: 'node:fs/promises', message: 'Rules read files through ctx.facts, never the file system.' },
            { name: 'fs', message: 'Rules read files through ctx.facts, never the file system.' },
          ],
          patterns: [
            { group: ['**/src/fs/*'], message: 'Rules read files through ctx.facts (src/model/facts.ts), never the file layer.' },
            { group: ['**/src/yaml/*'], allowTypeImports: true, message: 'Rules read the model, not the YAML parser (type imports are fine).' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='fs']", message: 'Rules never hold a file system handle: ask ctx.facts.' },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**', 'scripts/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The CLI's entry is CommonJS (bin/package.json): Node starts it without its ES module loader.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
