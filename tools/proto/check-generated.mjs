// Fails when libs/contracts/src/generated differs from what `buf generate` produces now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'proto-check-'));
try {
  execFileSync('npx', ['buf', 'lint'], { stdio: 'inherit' });
  execFileSync('npx', ['buf', 'generate', '-o', out], { stdio: 'inherit' });
  const fresh = join(out, 'libs/contracts/src/generated');
  try {
    execFileSync('diff', ['-r', '-u', fresh, 'libs/contracts/src/generated'], { stdio: 'inherit' });
  } catch {
    console.error('\nlibs/contracts/src/generated is stale: run `npm run proto:gen` and commit the result.');
    process.exit(1);
  }
  console.log('proto: lint clean, generated code up to date');
} finally {
  rmSync(out, { recursive: true, force: true });
}
