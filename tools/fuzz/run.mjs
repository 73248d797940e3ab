// `npm run fuzz -- [--cases N] [--seed S] [--trace]`: the fuzz suite of `npm test` on its own,
// as long as asked (N cases per operation instead of the suite's default), against a freshly
// built platform. The seed a run prints makes `--seed` run the same cases again.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const usage = 'usage: npm run fuzz -- [--cases N] [--seed S] [--trace]';
let options;
try {
  ({ values: options } = parseArgs({ options: { cases: { type: 'string' }, seed: { type: 'string' }, trace: { type: 'boolean' } } }));
} catch (err) {
  process.stderr.write(`${err.message}\n${usage}\n`);
  process.exit(2);
}
if (options.cases !== undefined && !/^[1-9]\d*$/.test(options.cases)) {
  process.stderr.write(`--cases takes a positive whole number, not "${options.cases}"\n${usage}\n`);
  process.exit(2);
}

const env = {
  ...process.env,
  ...(options.cases ? { FUZZ_CASES: options.cases } : {}),
  ...(options.seed ? { FUZZ_SEED: options.seed } : {}),
  ...(options.trace ? { FUZZ_TRACE: '1' } : {}),
};
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

if (run('node', ['tools/build.mjs']) !== 0) process.exit(1);
process.exit(run('npx', ['jest', '--maxWorkers=1', '--selectProjects', 'integration', '--testPathPatterns', 'e2e/src/fuzz.int-spec.ts']));
