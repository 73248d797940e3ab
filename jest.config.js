// One Jest run covers the whole workspace: `unit` (pure, fast, *.spec.ts) and `integration`
// (*.int-spec.ts: real PostgreSQL and NATS JetStream, each suite on its own database and
// stream prefix). Nx targets narrow this with --selectProjects and a path pattern.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@hotline/platform/register-tracing$': '<rootDir>/libs/platform/src/observability/register-tracing.ts',
    '^@hotline/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,tools,bench,deploy,e2e}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,tools,e2e}/**/*.int-spec.ts'],
    },
  ],
  // Integration suites wait on real servers; no test asserts a duration.
  testTimeout: 60000,
};
