// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * The core's layers, lowest first. Each may import what lies below it and nothing above:
 *   domain (pure rules) ← ports, messages, progress, clock/log/config ← store (every query)
 *   ← services ← commands, scheduler, outbox ← core.ts ← index.ts (the public surface)
 * Adapters import the public surface only. The rules below are generated from this list, so
 * an import that runs back up a layer fails the lint.
 */
const ALL = ['domain', 'ports', 'messages', 'progress', 'store', 'services', 'commands', 'scheduler', 'outbox'];
/** What each layer may import besides itself; the base files (clock, log, config) sit on the domain. */
const MAY_IMPORT = {
  domain: [],
  ports: ['domain'],
  messages: ['domain', 'ports'],
  progress: ['domain'],
  store: ['domain', 'ports', 'base'],
  services: ['domain', 'ports', 'messages', 'progress', 'store', 'base'],
  commands: ['domain', 'ports', 'messages', 'progress', 'store', 'services', 'base'],
  scheduler: ['domain', 'ports', 'messages', 'store', 'services', 'base'],
  outbox: ['domain', 'ports', 'messages', 'store', 'services', 'base'],
};
const BASE = ['clock.js', 'log.js', 'config.js'];
/** The imports a layer may not make: every other layer it does not build on, and the top. */
function above(name) {
  const allowed = MAY_IMPORT[name];
  return [
    ...ALL.filter((l) => l !== name && !allowed.includes(l)).map((l) => `../${l}/**`),
    ...(allowed.includes('base') ? [] : BASE.map((f) => `../${f}`)),
    '../core.js', '../index.js',
  ];
}
const BASE_FILES = ['src/clock.ts', 'src/log.ts', 'src/config.ts'];
const BASE_UP = [...ALL.filter((l) => l !== 'domain').map((l) => `./${l}/**`), './core.js', './index.js'];

const PLATFORM_LIBRARIES = {
  group: ['discord.js', 'telegraf', 'telegraf/*', '@discordjs/*'],
  message: 'The core never imports a platform library; put this in adapters/.',
};
const TO_ADAPTERS = { group: ['**/adapters/**', '../adapters/*', '../../adapters/*'], message: 'Imports point one way: adapters -> core.' };
/** Queries live in src/store: elsewhere, no query builder and no raw SQL. */
const QUERIES_IN_STORE = {
  selector: 'CallExpression[callee.property.name=/^(selectFrom|updateTable|insertInto|deleteFrom|replaceInto|mergeInto)$/]',
  message: 'Queries live in src/store: add a function there.',
};
const RAW_SQL = { name: 'kysely', importNames: ['sql'], message: 'Queries live in src/store: add a function there.' };
const CLOCK = { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected Clock, not new Date().' };

/** The import rule for one layer: platform libraries, adapters and every layer above it are off limits. */
function layer(files, up, { store = false } = {}) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [PLATFORM_LIBRARIES, TO_ADAPTERS, ...(up.length ? [{ group: up, message: 'That import runs back up the layers (see eslint.config.js).' }] : [])],
        paths: store ? [] : [RAW_SQL],
      }],
      'no-restricted-syntax': ['error', CLOCK, ...(store ? [] : [QUERIES_IN_STORE])],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'dist/', '.dist-building/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The start and build scripts are plain node (they run before anything is compiled).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly', SharedArrayBuffer: 'readonly', Atomics: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // Time comes from the injected Clock so every rule can be tested at any instant.
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use the injected Clock.' }],
    },
  },
  layer(['src/*.ts'], []),
  layer(BASE_FILES, BASE_UP),
  ...ALL.map((name) => layer([`src/${name}/**/*.ts`], above(name), { store: name === 'store' })),
  {
    // Adapters reach the core through its public surface only.
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/src/**', '!**/src/index.js'], message: 'Adapters import the core from src/index.js only.' }],
      }],
    },
  },
);
