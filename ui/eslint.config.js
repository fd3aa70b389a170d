// Flat config: the recommended JavaScript, TypeScript and Vue rules; Prettier
// owns the layout, so its config switches off every formatting rule.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'src/api/schema.d.ts',
      'src/desktop/bindings.ts',
      'src-tauri/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // vue-tsc checks names in TypeScript, type-only DOM globals included
    // (MediaDeviceKind), which ESLint's no-undef does not know.
    files: ['**/*.ts', '**/*.vue'],
    rules: { 'no-undef': 'off' },
  },
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // Unused arguments named _x are deliberate (callback signatures).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Route views are named after their route (e.g. `SetupView`), single words
      // included (`App`); Vue's multi-word rule is for reusable components.
      'vue/multi-word-component-names': 'off',
    },
  },
  prettier,
)
