// ESLint for `npm run lint:code` (beside dependency-cruiser, which checks the import graph of src/
// for cycles, type-only imports included: .dependency-cruiser.cjs). typescript-eslint's
// recommended rules, without type information (fast: no program is built), over src, test,
// bench and scripts, and a maximum line length.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'grammar/', 'samples/', 'templates/', 'fonts/', 'schemas/', 'docs/', 'bin/', '.ci/', 'src/repository/schema-validators.generated.ts'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'test/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      // For the .mjs and .js files, which TypeScript does not check (in .ts files TypeScript
      // reports undefined names, and typescript-eslint turns no-undef off).
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The code's style: prose and comments wrap near 100 characters, code lines run longer.
      // 180 is the smallest round length over which the code had only a few lines (31, wrapped);
      // strings, template literals, regular expressions and URLs may run past it.
      'max-len': ['error', { code: 180, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      // Matching control characters is the point where the code does it: XML 1.0's Char
      // production, Word's field characters (U+0013 to U+0015), names in a zip package.
      'no-control-regex': 'off',
      // A name starting with _ is unused on purpose: a loop that only counts, a destructured
      // property left out of `...rest`, a parameter an interface requires.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `let [a, b] = …` where only a is reassigned stays one declaration.
      'prefer-const': ['error', { destructuring: 'all' }],
      // `cond ? a.push(x) : walk(x)` as a statement is used on purpose in a few places.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
);
