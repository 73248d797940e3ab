// The console's chart (deploy/helm/charts/hotline-console), offline: helm lint, every example
// rendered and validated against the Kubernetes schemas, and what the console relies on: static
// files by an unprivileged nginx on a read-only root filesystem, the CSP, the APIs behind the
// console on one origin (/api/<service>/ proxied to the umbrella release's Services), the Ingress
// paths, and OIDC sign-in configured from values.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES } from '@hotline/vocabulary';
import { CHARTS_DIR, ensureHelm, EXAMPLES_DIR, runHelm } from './helm';
import { type Manifest, ofKind, parseManifests, validateManifests } from './manifests';

const CHART = join(CHARTS_DIR, 'hotline-console');
const EXAMPLES = join(EXAMPLES_DIR, 'hotline-console');

describe('hotline-console chart', () => {
  let helm: string;
  const render = (args: string[] = []): Manifest[] => {
    const r = runHelm(helm, ['template', 'hotline-console', CHART, '--namespace', 'hotline', ...args]);
    if (r.status !== 0) throw new Error(`helm template failed:\n${r.stderr}`);
    return parseManifests(r.stdout);
  };

  beforeAll(() => {
    helm = ensureHelm();
  }, 120_000);

  it('lints, and renders valid manifests with the defaults and with every example', () => {
    const lint = runHelm(helm, ['lint', CHART, '--strict']);
    expect(lint.stderr + lint.stdout).not.toMatch(/\[ERROR\]/);
    expect(lint.status).toBe(0);
    expect(validateManifests(render())).toEqual([]);
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(validateManifests(render(['-f', join(EXAMPLES, file)]))).toEqual([]);
  });

  it('runs nginx as a non-root user on a read-only root filesystem, writing only to /tmp', () => {
    const [deployment] = ofKind(render(), 'Deployment');
    const pod = deployment!['spec'].template.spec;
    const container = pod.containers[0];
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 101 });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    const writable = container.volumeMounts.filter((m: { readOnly?: boolean }) => !m.readOnly).map((m: { mountPath: string }) => m.mountPath);
    expect(writable).toEqual(['/tmp']);
  });

  it('sends the content security policy and proxies every service at /api/<service>/ on the same origin', () => {
    const [config] = ofKind(render(), 'ConfigMap');
    const nginx = config!['data']['nginx.conf'] as string;
    expect(nginx).toContain("Content-Security-Policy \"default-src 'self'; script-src 'self';");
    expect(nginx).toContain("frame-ancestors 'none'");
    for (const service of SERVICE_NAMES) expect(nginx).toContain(`location /api/${service}/ { proxy_pass http://hotline-${service}:3000/;`);
    expect(JSON.parse(config!['data']['config.json'])).toEqual({ auth: { mode: 'local' } });
  });

  it('publishes / and /api/ on the console host, and signs in with OIDC when an issuer is given', () => {
    const docs = render(['-f', join(EXAMPLES, 'province.yaml')]);
    const [ingress] = ofKind(docs, 'Ingress');
    const rule = ingress!['spec'].rules[0];
    expect(rule.host).toBe('console.hotline.example.gov.cn');
    expect(rule.http.paths.map((p: { path: string }) => p.path)).toEqual(['/api/', '/']);
    expect(ingress!['spec'].tls[0].secretName).toBe('hotline-console-tls');
    const [config] = ofKind(docs, 'ConfigMap');
    expect(JSON.parse(config!['data']['config.json'])).toEqual({ auth: { mode: 'oidc', issuer: 'https://idp.example.gov.cn/realms/hotline', clientId: 'hotline-console', scope: 'openid' } });
    expect(config!['data']['nginx.conf']).toContain("connect-src 'self' https://idp.example.gov.cn/realms/hotline");
  });
});
