// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Which folder may import which: the runtime shows in the folder name (VS Code's lesson). */
const layering = {
  'engine/core': ['**/engine/node/**', '**/electron/**', '**/renderer/**', 'node:*', 'onnxruntime-node', 'react', 'react-dom', 'electron'],
  'engine/node': ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'electron'],
  renderer: ['**/engine/node/**', '**/electron/**', 'node:*', 'onnxruntime-node', 'electron'],
  // The main process may use the engine but not the page; onnxruntime belongs in the utility process.
  electron: ['**/renderer/**', 'react', 'react-dom', 'onnxruntime-node'],
  // The preload runs sandboxed and the bridge types are shared with it: 'electron' and pure code only.
  'electron/preload': ['**/renderer/**', '**/engine/node/**', '**/electron/main/**', 'node:*', 'onnxruntime-node', 'react', 'react-dom'],
  'electron/bridge': ['**/renderer/**', '**/engine/node/**', '**/electron/main/**', 'node:*', 'onnxruntime-node', 'react', 'react-dom', 'electron'],
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', 'playwright-report/', 'bench-results/', '**/*.generated.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'bin/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...Object.entries(layering).map(([folder, forbidden]) => ({
    files: [`${folder}/**/*.{ts,tsx}`],
    ignores: [`${folder}/**/*.test.{ts,tsx}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: forbidden, message: `${folder} must not import this (see DESIGN.md, Architecture).` }] },
      ],
    },
  })),
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
