// The README's test command: static checks, then every Jest suite (unit and integration,
// against the real PostgreSQL and NATS), then one closing line `N passed, N failed[, N skipped]`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status === 0;

const checks = [
  ['typecheck', () => run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])],
  // The console has its own compiler settings (DOM, JSX, bundler resolution).
  ['console typecheck', () => run('npx', ['tsc', '-p', 'apps/console/tsconfig.json', '--noEmit'])],
  ['lint', () => run('npx', ['nx', 'show', 'projects']) && run('npx', ['eslint', '.', '--max-warnings', '0'])],
  ['proto', () => run('node', ['tools/proto/check-generated.mjs'])],
  ['build', () => run('node', ['tools/build.mjs'])],
];
const failedChecks = [];
for (const [name, check] of checks) {
  process.stdout.write(`\n== ${name}\n`);
  if (!check()) failedChecks.push(name);
}

mkdirSync('tmp', { recursive: true });
const results = 'tmp/jest-results.json';
process.stdout.write('\n== jest (unit + integration)\n');
const extra = process.argv.slice(2);
run('npx', ['jest', '--maxWorkers=2', '--json', `--outputFile=${results}`, ...extra]);

let passed = 0, failed = 0, skipped = 0;
try {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  skipped = r.numPendingTests + r.numTodoTests;
  if (r.numTotalTests === 0) failed++;
} catch {
  failed++;
}
passed += checks.length - failedChecks.length;
failed += failedChecks.length;
if (failedChecks.length) process.stdout.write(`\nfailed checks: ${failedChecks.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed === 0 ? 0 : 1);
