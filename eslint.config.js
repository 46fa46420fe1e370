// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The core is platform-agnostic: it never imports a platform library or an adapter.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['discord.js', 'telegraf', 'telegraf/*', '@discordjs/*'], message: 'The core never imports a platform library; put this in adapters/.' },
          { group: ['**/adapters/**', '../adapters/*', '../../adapters/*'], message: 'Imports point one way: adapters -> core.' },
        ],
      }],
      // Time comes from the injected Clock so every rule can be tested at any instant.
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use the injected Clock.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected Clock, not new Date().' },
      ],
    },
  },
);
