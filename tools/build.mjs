// Compiles services and libraries to dist/ with swc (about a second; type checking is the
// separate `npm run typecheck`). Path aliases (@hotline/*) are rewritten to relative requires,
// so `node dist/services/<name>/src/main.js` runs with no loader. Tests and specs are skipped.
// tools/linkage-peer (the simulated 110) is built too: `npm start` runs it beside intake.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync(
  'npx',
  ['swc', 'services', 'libs', 'bench', 'tools/linkage-peer', '-d', 'dist', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts,**/*.int-spec.ts,**/test/**,**/bin/**', '--quiet'],
  { stdio: 'inherit' },
);
