// The container image, checked offline (there is no Docker engine here): the Dockerfile is
// parsed and held to the rules the platform relies on, and the build context (.dockerignore)
// is checked to carry what the Dockerfile copies and nothing it must not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forService, localStartCommands, ROOT } from './local-start';

/** The value, or a test failure saying what was missing. */
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Dockerfile: ${what} not found`);
  return value;
}

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions (continuations joined, comments dropped). */
function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, rest] = line.match(/^(\S+)\s+(.*)$/) ?? [];
    if (!op) throw new Error(`cannot parse: ${line}`);
    const upper = op.toUpperCase();
    if (upper === 'FROM') {
      const [, image, name] = rest.match(/^(\S+)(?:\s+AS\s+(\S+))?$/i) ?? [];
      stages.push({ from: image.replace(/\$\{(\w+)\}/g, (_, v: string) => args[v] ?? ''), name, instructions: [] });
    } else if (stages.length === 0 && upper === 'ARG') {
      const [name, value] = rest.split('=');
      args[name] = value ?? '';
    } else {
      must(stages.at(-1), 'FROM before the first instruction').instructions.push({ op: upper, args: rest.replace(/\s+/g, ' ') });
    }
  }
  return { args, stages };
}

const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const final = must(dockerfile.stages.at(-1), 'a stage');
const all = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op);
const one = (stage: Stage, op: string) => {
  const found = all(stage, op);
  expect(found).toHaveLength(1);
  return found[0];
};
const stage = (name: string) => must(dockerfile.stages.find((s) => s.name === name), `stage ${name}`);

/** Docker's .dockerignore semantics for the patterns used here: last match wins, `!` re-includes. */
function contextIncludes(path: string, patterns: string[]): boolean {
  const toRegex = (pattern: string) => {
    const body = pattern
      .replace(/\/$/, '')
      .split('/')
      .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
      .join('/')
      .replace(/^\.\*\//, '(?:.*/)?');
    // A pattern matching a directory matches everything under it.
    return new RegExp(`^${body}(?:/.*)?$`);
  };
  let included = true;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = negate ? raw.slice(1) : raw;
    if (toRegex(pattern).test(path)) included = negate;
  }
  return included;
}
const ignorePatterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('is multi-stage and runs on node:20-bookworm-slim', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(3);
    expect(final.from).toBe('node:20-bookworm-slim');
    expect(dockerfile.stages.map((s) => s.name)).toEqual(['build', 'prod-deps', 'runtime']);
  });

  it('builds with the same command as the repository (node tools/build.mjs), with devDependencies only in the build stage', () => {
    const build = stage('build');
    expect(all(build, 'RUN').some((r) => /^npm ci\b/.test(r.args) && !/--omit=dev/.test(r.args))).toBe(true);
    expect(all(build, 'RUN').some((r) => /\bnode tools\/build\.mjs\b/.test(r.args))).toBe(true);
  });

  it('installs production dependencies only, with the workspace manifest npm ci needs', () => {
    const deps = stage('prod-deps');
    const copies = all(deps, 'COPY').map((c) => c.args);
    const npmCi = must(all(deps, 'RUN').find((r) => /\bnpm ci\b/.test(r.args)), 'npm ci in prod-deps');
    expect(npmCi.args).toMatch(/--omit=dev/);
    expect(npmCi.args).toMatch(/--omit=optional/);
    expect(copies).toContain('libs/classify/package.json libs/classify/package.json');
    const workspaceManifest = must(all(deps, 'COPY').find((c) => c.args.startsWith('libs/classify')), 'COPY libs/classify');
    expect(deps.instructions.indexOf(workspaceManifest)).toBeLessThan(deps.instructions.indexOf(npmCi));
  });

  it('the final stage installs nothing from npm and takes node_modules from the production stage, not the build', () => {
    expect(all(final, 'RUN').some((r) => /\bnpm (ci|install|i)\b/.test(r.args))).toBe(false);
    const copies = all(final, 'COPY').map((c) => c.args);
    expect(copies).toContain('--from=prod-deps /app/node_modules ./node_modules');
    expect(copies.filter((c) => c.includes('node_modules'))).toHaveLength(1);
    expect(copies.filter((c) => c.startsWith('--from=build')).every((c) => c.includes('/src/dist/'))).toBe(true);
  });

  it('runs as a numeric non-root user, declared before the command', () => {
    const user = one(final, 'USER');
    const [uid, gid] = user.args.split(':').map(Number);
    expect(uid).toBeGreaterThan(0);
    expect(gid).toBeGreaterThan(0);
    expect(final.instructions.indexOf(user)).toBeLessThan(final.instructions.indexOf(one(final, 'CMD')));
  });

  it('has tini as PID 1, forwarding signals to node', () => {
    expect(JSON.parse(one(final, 'ENTRYPOINT').args)).toEqual(['/usr/bin/tini', '--']);
    expect(all(final, 'RUN').some((r) => /apt-get install .*\btini\b/.test(r.args))).toBe(true);
    expect(one(final, 'STOPSIGNAL').args).toBe('SIGTERM');
  });

  it('starts the service with exactly the command `npm start` uses', () => {
    const cmd = JSON.parse(one(final, 'CMD').args) as string[];
    expect(cmd.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    // `exec` makes node replace the shell: tini's child is node itself.
    const [, command] = cmd[2].match(/^exec (.*)$/) ?? [];
    expect(command.split(' ')).toEqual(localStartCommands().main.map((part) => part.replace('${name}', '${SERVICE_NAME}')));
    expect(all(final, 'ENV').some((e) => /\bSERVICE_NAME=\$\{SERVICE\}/.test(e.args))).toBe(true);
    // And the Helm Job's migrate command is the local one too (deploy/helm/test/charts.spec.ts).
    expect(forService(localStartCommands().migrate, 'intake')).toEqual(['node', 'dist/services/intake/src/migrate.js']);
  });

  it('accepts as its SERVICE build argument exactly a service the build produced an entry point for', () => {
    const build = stage('build');
    const check = must(all(build, 'RUN').find((r) => r.args.includes('$SERVICE')), 'the SERVICE check');
    expect(check.args).toContain('test -f "dist/services/$SERVICE/src/main.js"');
    expect(all(final, 'COPY').map((c) => c.args)).toContain('--from=build /src/dist/services/${SERVICE} ./dist/services/${SERVICE}');
  });

  it('has a health check on /healthz', () => {
    expect(one(final, 'HEALTHCHECK').args).toMatch(/CMD \["node", "-e", ".*\/healthz/);
  });
});

describe('.dockerignore', () => {
  it('admits every file the Dockerfile copies from the context', () => {
    const sources = dockerfile.stages
      .flatMap((s) => all(s, 'COPY'))
      .filter((c) => !c.args.startsWith('--from'))
      .flatMap((c) => c.args.split(' ').slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect({ source, included: contextIncludes(source.replace(/\/$/, ''), ignorePatterns) }).toEqual({ source, included: true });
    for (const file of ['libs/platform/src/index.ts', 'services/intake/src/main.ts', 'libs/classify/package.json'])
      expect({ file, included: contextIncludes(file, ignorePatterns) }).toEqual({ file, included: true });
  });

  it('keeps out dependencies, build output, git, local state, tests and deployment files', () => {
    for (const path of [
      'node_modules/pg/package.json',
      'libs/classify/node_modules/x.js',
      'dist/services/intake/src/main.js',
      '.git/config',
      '.helm/bin/helm-v4.1.4',
      '.local/auth-secret',
      'deploy/helm/charts/hotline/values.yaml',
      'docs/deploy.md',
      'e2e/x.ts',
      'libs/platform/src/config/config.spec.ts',
      'libs/platform/test/outbox.int-spec.ts',
      'services/intake/test/intake.int-spec.ts',
      'tools/local/start.mjs',
    ])
      expect({ path, included: contextIncludes(path, ignorePatterns) }).toEqual({ path, included: false });
  });
});
