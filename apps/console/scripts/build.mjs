// Builds the console (vite) into a fresh directory beside apps/console/dist and then swaps it in,
// so two builds at once (parallel test suites, `npm start`) never serve a half-written tree.
// Usage: node apps/console/scripts/build.mjs [--if-stale]  (--if-stale: only when the sources
// differ from those of the last build, by a hash of their contents kept in dist/.sources).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const app = resolve(import.meta.dirname, '..');
const dist = join(app, 'dist');
const SOURCES = ['src', 'index.html', 'vite.config.ts', '../../libs/vocabulary/src', '../../package-lock.json'];

function hashInto(hash, path) {
  if (!statSync(path).isDirectory()) return void hash.update(`${path}\0`).update(readFileSync(path));
  for (const name of readdirSync(path).sort()) hashInto(hash, join(path, name));
}

/** A hash of every source the build reads. */
function sourcesHash() {
  const hash = createHash('sha256');
  for (const s of SOURCES) hashInto(hash, join(app, s));
  return hash.digest('hex');
}

/** Whether dist/ is missing or was built from other sources. */
export function consoleStale() {
  const stamp = join(dist, '.sources');
  return !existsSync(stamp) || readFileSync(stamp, 'utf8') !== sourcesHash();
}

/** Builds the console; returns the build's output (sizes) or throws with it. */
export function buildConsole() {
  const out = join(app, `.dist-${process.pid}-${Date.now()}`);
  const sources = sourcesHash();
  const run = spawnSync(process.execPath, [join(app, '../../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'info'], {
    cwd: app,
    // A production bundle whatever the caller's NODE_ENV (Jest sets 'test').
    env: { ...process.env, NODE_ENV: 'production', CONSOLE_OUT_DIR: out },
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`console build failed:\n${run.stdout}${run.stderr}`);
  }
  writeFileSync(join(out, '.sources'), sources);
  const old = `${dist}-old-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(out, dist);
  rmSync(old, { recursive: true, force: true });
  return run.stdout;
}

if (process.argv[1] === import.meta.filename) {
  if (process.argv.includes('--if-stale') && !consoleStale()) process.stdout.write('console: up to date\n');
  else process.stdout.write(buildConsole());
}
