import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Runs the real ESLint configuration (in a child process: the flat config is an ES module) on
// probe sources placed, virtually, inside projects, and checks what the boundary rule says.
const root = join(__dirname, '../..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const FRAMEWORKS = ['@nestjs/common', 'typeorm', '@nats-io/jetstream', '@grpc/grpc-js'];
const GOOD_SERVICE = [
  `import { Events } from '@hotline/contracts';`,
  `import { TenantDb } from '@hotline/platform';`,
  `import { localDateOf } from '@hotline/calendar';`,
  `export const all = [Events, TenantDb, localDateOf];`,
].join('\n');
const USES_HARNESS = `import { uniqueNamespace } from '@hotline/testing';\nexport const n = uniqueNamespace;\n`;

const probes = [
  ...FRAMEWORKS.map((f) => ({ path: 'libs/calendar/src/probe.ts', code: `import * as x from '${f}';\nexport const y = x;\n` })),
  {
    path: 'services/analytics/src/probe.ts',
    code: `import { intakeService } from '../../intake/src/intake.service';\nexport const s = intakeService;\n`,
  },
  { path: 'libs/platform/src/probe.ts', code: USES_HARNESS },
  { path: 'libs/platform/test/probe.int-spec.ts', code: USES_HARNESS },
  { path: 'services/analytics/src/probe.ts', code: GOOD_SERVICE },
];

describe('module boundaries (ESLint + Nx tags)', () => {
  let errors: string[][];

  beforeAll(() => {
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, env, stdio: 'ignore' }); // caches the project graph
    const out = execFileSync('node', ['tools/lint/lint-probes.mjs'], { cwd: root, env, input: JSON.stringify(probes) });
    errors = JSON.parse(out.toString());
  });

  it('fails a domain library that imports a framework', () => {
    FRAMEWORKS.forEach((framework, i) =>
      expect(errors[i]).toEqual([
        `@nx/enforce-module-boundaries: A project tagged with "type:domain" is not allowed to import "${framework}"`,
      ]),
    );
  });

  it('fails a service that imports another service’s code', () => {
    expect(errors[4]).toEqual([expect.stringContaining('@nx/enforce-module-boundaries')]);
  });

  it('fails production code that imports the test harness, and allows tests to', () => {
    expect(errors[5]).toEqual([expect.stringContaining('"type:platform" can only depend on')]);
    expect(errors[6]).toEqual([]);
  });

  it('accepts a service that uses the contracts, the platform and a domain library', () => {
    expect(errors[7]).toEqual([]);
  });
});
