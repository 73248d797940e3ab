import nx from '@nx/eslint-plugin';
import { readdirSync, readFileSync } from 'node:fs';

/** One scope per service, read from the services' own project.json tags (no second list). */
const scopes = readdirSync(new URL('./services', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => JSON.parse(readFileSync(new URL(`./services/${d.name}/project.json`, import.meta.url), 'utf8')).tags)
  .filter((tag) => tag.startsWith('scope:'))
  .map((tag) => tag.slice('scope:'.length));

/** Frameworks and drivers a pure domain library must not import. */
const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'pg', 'pg-*', '@nats-io/*', 'nats', '@grpc/*', 'fastify', '@fastify/*', 'jose', 'pino'];

const typeConstraints = [
  {
    sourceTag: 'type:service',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contract', 'type:platform', 'type:util'],
  },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: FRAMEWORKS },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contract', 'type:util'] },
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract', 'type:util'] },
  // The shared vocabulary: plain codes and rules every project may use; it depends on nothing.
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: [...FRAMEWORKS, 'zod'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:contract', 'type:util'] },
  // Deployable front ends (apps/): they reach the services over HTTP only; in code they share the vocabulary.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'pg-*', '@nats-io/*', 'nats', '@grpc/*'] },
];
const scopeConstraints = [
  ...scopes.map((scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'] })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];
const boundaries = (constraints) => [
  'error',
  { enforceBuildableLibDependency: false, banTransitiveDependencies: false, depConstraints: constraints },
];
const TESTS = ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist/**', '**/node_modules/**', 'libs/contracts/src/generated/**', 'apps/console/src/api/generated/**', 'apps/console/dist/**', '.nx/**', 'tmp/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries([...typeConstraints, ...scopeConstraints]),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The web console's components (.tsx) keep the same boundaries as its .ts files.
    files: ['apps/**/*.tsx'],
    rules: { '@nx/enforce-module-boundaries': boundaries([...typeConstraints, ...scopeConstraints]) },
  },
  {
    // Tests, and only tests, may also use the testing harness.
    files: TESTS,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': boundaries([
        ...typeConstraints.map((c) => ({ ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] })),
        ...scopeConstraints,
      ]),
    },
  },
  {
    // End-to-end suites compose several real services; nothing imports them.
    files: ['e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
