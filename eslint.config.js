// Lint rules, including the layer import direction of ../shared/ARCHITECTURE.md:
//   cli → requests → pool → engine → protocol      urllib → client → engine
//   robotparser → urllib     requests, urllib → cookies     everything → parse, internal
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layers = ['internal', 'parse', 'protocol', 'engine', 'client', 'pool', 'cookies', 'requests', 'urllib', 'robotparser', 'testing', 'cli'];

/** Which sibling layers each layer may import (besides itself). */
const allowed = {
  internal: [],
  parse: ['internal'],
  protocol: ['internal', 'parse'],
  engine: ['protocol', 'internal', 'parse'],
  client: ['engine', 'protocol', 'internal', 'parse'],
  pool: ['engine', 'protocol', 'internal', 'parse'],
  cookies: ['internal', 'parse'],
  requests: ['pool', 'cookies', 'internal', 'parse'],
  urllib: ['client', 'cookies', 'internal', 'parse'],
  robotparser: ['urllib', 'internal', 'parse'],
  testing: [],
  cli: ['requests', 'testing', 'internal', 'parse'],
};

function layerRule(layer) {
  const forbidden = layers.filter((l) => l !== layer && !allowed[layer].includes(l));
  const patterns = forbidden.map((l) => ({
    group: [`../${l}/*`, `../${l}`, `../../src/${l}/*`],
    message: `src/${layer} may not import src/${l} (ARCHITECTURE.md: imports only go down).`,
  }));
  const paths = [];
  if (layer === 'protocol' || layer === 'internal' || layer === 'parse') {
    patterns.push({ group: ['node:*'], message: `src/${layer} does no I/O: no node:* imports.` });
  }
  if (layer !== 'engine' && layer !== 'testing' && layer !== 'cli') {
    paths.push({ name: 'node:net', message: 'Only src/engine (and testing) may import node:net.' });
    paths.push({ name: 'node:tls', message: 'Only src/engine (and testing) may import node:tls.' });
  }
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-control-regex': 'off',
    },
  },
  ...layers.map(layerRule),
  {
    files: ['src/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!../testing/*'], message: 'src/testing imports only node:* (it must stay independent of our engine).' }] }],
    },
  },
);
