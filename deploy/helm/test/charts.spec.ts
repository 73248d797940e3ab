// The Helm charts, checked offline: helm lint on every chart, helm template for every example
// values file, every rendered manifest validated against the Kubernetes schemas, and the
// properties the platform relies on asserted over the rendered output.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';
import { baseConfigSchema, parseConfig, piiConfigShape } from '@hotline/platform';
import { SERVICE_NAMES } from '@hotline/vocabulary';
import { forService as commandFor, localStartCommands } from '../../test/local-start';
import { CHARTS_DIR, ensureHelm, EXAMPLES_DIR, LINT_VALUES, prepareCharts, ROOT, runHelm } from './helm';
import { forService, Manifest, ofKind, validateManifests } from './manifests';
import { container, PII_SERVICES, renderChart, renderError } from './render';

/** A chart per service, named after it (libs/vocabulary). */
const SERVICES: readonly string[] = SERVICE_NAMES;
const CHARTS = ['hotline-lib', ...SERVICES, 'hotline', 'hotline-postgres'];
const LOCAL_CHARTS = new Set(CHARTS);

/**
 * The schema a service parses its environment with: the platform's (libs/platform config), merged
 * with the PII keys a service that keeps personal data reads as well (its own config.ts).
 */
const configSchema = (service: string) => (PII_SERVICES.includes(service) ? baseConfigSchema.merge(z.object(piiConfigShape)) : baseConfigSchema);
/** Environment variables the chart adds on purpose, beyond what the services' schemas read. */
const CHART_ENV = [
  'SERVICE_NAME', // register-tracing's service name fallback; set by tools/local/start.mjs too
  'OTEL_SERVICE_NAME',
  'NODE_OPTIONS',
  // Prepared for upcoming intake features (deploy/helm/charts/intake/values.yaml).
  'INTERCONNECT_110_GRPC_PORT',
  'INTERCONNECT_110_TLS_CERT_FILE',
  'INTERCONNECT_110_TLS_KEY_FILE',
  'INTERCONNECT_110_TLS_CA_FILE',
];
/** Environment variables a service may be given: the ones it reads, plus the chart's own. */
const knownEnv = (service: string) => new Set([...Object.keys(configSchema(service).shape), ...CHART_ENV]);

let helm: string;
let charts: string;
/** Rendered example: "<chart>/<file>" → manifests. */
const rendered = new Map<string, Manifest[]>();

const template = (chart: string, args: string[] = []): Manifest[] => renderChart(helm, charts, chart, args);

/**
 * helm lint's values for a chart: the umbrella gets LINT_VALUES as it is; a service chart its
 * `global` and its own section (their schemas allow no other top-level key); any other chart
 * its `global`.
 */
function lintValues(chart: string): string {
  if (chart === 'hotline') return LINT_VALUES;
  const { global, ...sections } = load(readFileSync(LINT_VALUES, 'utf8')) as Record<string, object>;
  const own = SERVICES.includes(chart) ? sections[chart] : undefined;
  const file = join(charts, `lint-values-${chart}.yaml`);
  writeFileSync(file, JSON.stringify({ global, ...own }));
  return file;
}

/** helm template expected to fail: its error output. */
const templateError = (chart: string, args: string[]): string => renderError(helm, charts, chart, args);

function examples(): Array<{ chart: string; file: string; path: string }> {
  return readdirSync(EXAMPLES_DIR)
    .filter((chart) => LOCAL_CHARTS.has(chart))
    .flatMap((chart) =>
      readdirSync(join(EXAMPLES_DIR, chart))
        .filter((f) => f.endsWith('.yaml'))
        .map((file) => ({ chart, file, path: join(EXAMPLES_DIR, chart, file) })),
    );
}

const example = (name: string): Manifest[] => {
  const docs = rendered.get(name);
  if (!docs) throw new Error(`example ${name} was not rendered`);
  return docs;
};
const hotlineRenders = (): Array<[string, Manifest[]]> => [...rendered].filter(([name]) => name.startsWith('hotline/'));
const egressPorts = (policy: Manifest): number[] =>
  policy['spec'].egress.flatMap((rule: { ports: Array<{ port: number }> }) => rule.ports.map((p) => p.port));

beforeAll(() => {
  helm = ensureHelm();
  charts = prepareCharts(helm);
  for (const { chart, file, path } of examples()) rendered.set(`${chart}/${file}`, template(chart, ['-f', path]));
  rendered.set('hotline/(defaults)', template('hotline', ['-f', LINT_VALUES]));
}, 120_000);

afterAll(() => {
  if (charts) rmSync(charts, { recursive: true, force: true });
});

describe('charts', () => {
  it.each(CHARTS)('helm lint --strict passes for %s', (chart) => {
    const r = runHelm(helm, ['lint', '--strict', join(charts, chart), '-f', lintValues(chart)]);
    expect(`${r.stdout}${r.stderr}`).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(r.status).toBe(0);
  });

  it('every chart has a values.schema.json, and the generated ones are up to date', () => {
    for (const chart of CHARTS) expect(existsSync(join(CHARTS_DIR, chart, 'values.schema.json'))).toBe(true);
    // Exits non-zero, naming the file, when a schema no longer matches values-schema.mjs.
    execFileSync('node', [join(ROOT, 'deploy/helm/values-schema.mjs'), '--check'], { encoding: 'utf8' });
  });

  it('every service chart imports the defaults of its values from hotline-lib, and sets none of them again', () => {
    const yaml = (chart: string, file: string) => load(readFileSync(join(CHARTS_DIR, chart, file), 'utf8')) as Record<string, unknown>;
    /** The paths of a values tree's leaves (a list is a leaf). */
    const leaves = (tree: unknown, prefix = ''): string[] =>
      tree !== null && typeof tree === 'object' && !Array.isArray(tree)
        ? Object.entries(tree).flatMap(([key, value]) => leaves(value, `${prefix}${key}.`))
        : [prefix.slice(0, -1)];
    const defaults = new Set(leaves((yaml('hotline-lib', 'values.yaml')['exports'] as Record<string, unknown>)['defaults']));
    for (const service of SERVICES) {
      const { dependencies } = yaml(service, 'Chart.yaml') as { dependencies: Array<{ name: string; 'import-values'?: unknown[] }> };
      const lib = dependencies.find((d) => d.name === 'hotline-lib');
      expect({ service, imports: lib?.['import-values'] }).toEqual({ service, imports: ['defaults'] });
      // Either a default or the service's own: which of the two wins has changed between Helm versions.
      expect({ service, both: leaves(yaml(service, 'values.yaml')).filter((path) => defaults.has(path)) }).toEqual({ service, both: [] });
    }
  });

  it('the umbrella chart installs exactly the services that `npm start` runs', () => {
    const chart = load(readFileSync(join(CHARTS_DIR, 'hotline/Chart.yaml'), 'utf8')) as {
      dependencies: Array<{ name: string; repository: string; condition: string }>;
    };
    // In SERVICE_NAMES' order: deploy/helm/values-schema.mjs takes the services from this list.
    expect(chart.dependencies.map((d) => d.name)).toEqual([...SERVICES]);
    for (const d of chart.dependencies) {
      expect(d.repository).toBe(`file://../${d.name}`);
      expect(d.condition).toBe(`${d.name}.enabled`);
    }
  });
});

describe('rendered examples', () => {
  it('there are small-city and province examples for the hotline and hotline-postgres charts', () => {
    expect([...rendered.keys()].sort()).toEqual([
      'hotline-postgres/province.yaml',
      'hotline-postgres/small-city.yaml',
      'hotline/(defaults)',
      'hotline/province.yaml',
      'hotline/small-city.yaml',
    ]);
  });

  it('every rendered manifest is valid against the Kubernetes schemas', () => {
    for (const [name, docs] of rendered) {
      expect(docs.length).toBeGreaterThan(0);
      expect({ name, errors: validateManifests(docs) }).toEqual({ name, errors: [] });
    }
  });

  it('the validator is not vacuous: it rejects a broken Deployment', () => {
    const deployment = structuredClone(ofKind(example('hotline/small-city.yaml'), 'Deployment')[0]);
    container(deployment).ports[0].containerPort = '8080';
    expect(validateManifests([deployment]).join('\n')).toMatch(/containerPort must be integer/);
  });

  it('secrets are referenced, never rendered', () => {
    for (const [, docs] of rendered) expect(ofKind(docs, 'Secret')).toEqual([]);
  });
});

describe('services', () => {
  it.each(SERVICES)('%s: one Deployment, Service, ServiceAccount, ConfigMap, PodDisruptionBudget and NetworkPolicy per render', (service) => {
    for (const [, docs] of hotlineRenders()) {
      for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'ConfigMap', 'PodDisruptionBudget', 'NetworkPolicy'])
        expect({ kind, n: forService(docs, kind, service).length }).toEqual({ kind, n: 1 });
    }
  });

  it('every Deployment: probes on /readyz and /healthz, CPU and memory limits, non-root, restricted, read-only root filesystem', () => {
    for (const [name, docs] of hotlineRenders()) {
      const deployments = ofKind(docs, 'Deployment');
      expect({ name, n: deployments.length }).toEqual({ name, n: 5 });
      for (const d of deployments) {
        const pod = d['spec'].template.spec;
        const c = container(d);
        expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
        expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
        expect(c.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
        expect(c.resources.limits.cpu).toBeDefined();
        expect(c.resources.limits.memory).toBeDefined();
        expect(c.resources.requests.cpu).toBeDefined();
        expect(pod.securityContext.runAsNonRoot).toBe(true);
        expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
        expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
        expect(c.securityContext).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        expect(c.ports.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['http', 'grpc']));
        // The image's own command: the one `npm start` runs (checked in deploy/test/dockerfile.spec.ts).
        expect(c.command).toBeUndefined();
        expect(c.args).toBeUndefined();
      }
    }
  });

  it('a pre-install/pre-upgrade migration Job per service runs the same migrate command as `npm start`, same image and database Secret', () => {
    const { migrate } = localStartCommands();
    for (const [name, docs] of hotlineRenders()) {
      const jobs = ofKind(docs, 'Job');
      expect({ name, n: jobs.length }).toEqual({ name, n: 5 });
      for (const service of SERVICES) {
        const [job] = forService(jobs, 'Job', service);
        const [deployment] = forService(docs, 'Deployment', service);
        expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
        expect(job.metadata.annotations?.['helm.sh/hook-delete-policy']).toContain('before-hook-creation');
        const c = container(job);
        expect([...(c.command ?? []), ...c.args]).toEqual(commandFor(migrate, service));
        expect(c.image).toBe(container(deployment).image);
        const dbEnv = (x: Manifest) => container(x).env.find((e: { name: string }) => e.name === 'DATABASE_URL');
        expect(dbEnv(job)).toEqual(dbEnv(deployment));
        expect(dbEnv(job).valueFrom.secretKeyRef.name).toBeTruthy();
        expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
        expect(job['spec'].template.spec.securityContext.runAsNonRoot).toBe(true);
        expect(job['spec'].template.spec.restartPolicy).toBe('Never');
        expect(c.resources.limits.memory).toBeDefined();
      }
    }
  });

  it('a NetworkPolicy per service admits only DNS, PostgreSQL, NATS, and the collector and identity provider when configured', () => {
    for (const [name, docs] of hotlineRenders()) {
      for (const service of SERVICES) {
        const [policy] = forService(docs, 'NetworkPolicy', service);
        const [config] = forService(docs, 'ConfigMap', service);
        expect(policy['spec'].policyTypes).toEqual(['Ingress', 'Egress']);
        expect(policy['spec'].podSelector.matchLabels).toEqual({
          'app.kubernetes.io/name': service,
          'app.kubernetes.io/instance': 'hotline',
        });
        const allowed = [53, 5432, 4222];
        if (config['data'].OTEL_EXPORTER_OTLP_ENDPOINT) allowed.push(4318);
        if (config['data'].AUTH_MODE === 'jwks') allowed.push(443);
        expect({ name, service, ports: [...new Set(egressPorts(policy))].sort() }).toEqual({ name, service, ports: allowed.sort() });
        // Nobody reaches a service except on its HTTP and gRPC ports.
        const ingressPorts = policy['spec'].ingress.flatMap((r: { ports: Array<{ port: number }> }) => r.ports.map((p) => p.port));
        expect([...new Set(ingressPorts)].sort()).toEqual([8080, 9090]);
        for (const rule of policy['spec'].ingress) expect(rule.from.length).toBeGreaterThan(0);
      }
    }
  });

  it('with CloudNativePG the services use the "<cluster>-app" Secrets and may reach only their own cluster', () => {
    const docs = example('hotline/small-city.yaml');
    const clusters = ofKind(example('hotline-postgres/small-city.yaml'), 'Cluster').map((c) => c.metadata.name);
    for (const service of SERVICES) {
      const [deployment] = forService(docs, 'Deployment', service);
      const ref = container(deployment).env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef;
      expect(ref).toEqual({ name: `hotline-db-${service}-app`, key: 'uri' });
      expect(clusters).toContain(`hotline-db-${service}`);
      const [policy] = forService(docs, 'NetworkPolicy', service);
      const database = policy['spec'].egress.find((r: { ports: Array<{ port: number }> }) => r.ports[0].port === 5432);
      expect(database.to).toEqual([{ podSelector: { matchLabels: { 'cnpg.io/cluster': `hotline-db-${service}` } } }]);
    }
  });

  it('the rendered environment is a valid service configuration, with no variable the services do not read', () => {
    const secrets: Record<string, string> = {
      DATABASE_URL: 'postgres://intake:secret@db:5432/intake',
      NATS_URL: 'nats://hotline:secret@nats.messaging:4222',
      AUTH_LOCAL_SECRET: 'x'.repeat(32),
      PII_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const pii = PII_SERVICES.flatMap((service) => ['--set', `${service}.piiMasterKey.existingSecret=hotline-${service}-pii`]);
    const local = template('hotline', ['--set', 'global.auth.mode=local', ...pii]);
    const renders = [...hotlineRenders(), ['local auth', local] as [string, Manifest[]]];
    for (const [name, docs] of renders) {
      for (const service of SERVICES) {
        const [deployment] = forService(docs, 'Deployment', service);
        const [config] = forService(docs, 'ConfigMap', service);
        const c = container(deployment);
        expect(c.envFrom).toEqual([{ configMapRef: { name: config.metadata.name } }]);
        const env: NodeJS.ProcessEnv = { ...config['data'] };
        for (const e of c.env) {
          expect({ name, env: e.name, from: Object.keys(e.valueFrom ?? {}) }).toEqual({ name, env: e.name, from: ['secretKeyRef'] });
          env[e.name] = secrets[e.name];
        }
        const known = knownEnv(service);
        for (const key of Object.keys(env)) expect({ name, service, key, known: known.has(key) }).toMatchObject({ known: true });
        expect(() => parseConfig(configSchema(service), env)).not.toThrow();
        expect(env['SERVICE_NAME']).toBe(service);
        expect(env['HTTP_PORT']).toBe(String(c.ports.find((p: { name: string }) => p.name === 'http').containerPort));
        expect(env['GRPC_PORT']).toBe(String(c.ports.find((p: { name: string }) => p.name === 'grpc').containerPort));
      }
    }
  });

  it('Services expose HTTP and gRPC to the server pods only (not the migration pods)', () => {
    for (const [, docs] of hotlineRenders()) {
      for (const service of ofKind(docs, 'Service')) {
        expect(service['spec'].ports.map((p: { name: string }) => p.name)).toEqual(['http', 'grpc']);
        expect(service['spec'].selector['app.kubernetes.io/component']).toBe('server');
      }
    }
  });

  it('the province example autoscales every service within its bounds; the small city runs fixed replicas', () => {
    const province = example('hotline/province.yaml');
    const values = load(readFileSync(join(EXAMPLES_DIR, 'hotline/province.yaml'), 'utf8')) as Record<
      string,
      { autoscaling: { minReplicas: number; maxReplicas: number } }
    >;
    for (const service of SERVICES) {
      const [hpa] = forService(province, 'HorizontalPodAutoscaler', service);
      expect(hpa['spec'].scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: `hotline-${service}` });
      expect(hpa['spec'].minReplicas).toBe(values[service].autoscaling.minReplicas);
      expect(hpa['spec'].maxReplicas).toBe(values[service].autoscaling.maxReplicas);
      // The HPA owns the replica count: the Deployment does not fight it on upgrades.
      expect(forService(province, 'Deployment', service)[0]['spec'].replicas).toBeUndefined();
    }
    const small = example('hotline/small-city.yaml');
    expect(ofKind(small, 'HorizontalPodAutoscaler')).toEqual([]);
    for (const d of ofKind(small, 'Deployment')) expect(d['spec'].replicas).toBe(2);
  });

  it('the OTLP endpoint of an example reaches every service', () => {
    for (const name of ['hotline/small-city.yaml', 'hotline/province.yaml']) {
      const endpoint = (load(readFileSync(join(EXAMPLES_DIR, name), 'utf8')) as { global: { otlp: { endpoint: string } } }).global.otlp
        .endpoint;
      for (const config of ofKind(example(name), 'ConfigMap')) expect(config['data'].OTEL_EXPORTER_OTLP_ENDPOINT).toBe(endpoint);
    }
  });

  it('the optional Ingress publishes console routes to the service HTTP port with TLS', () => {
    const docs = example('hotline/province.yaml');
    const ingresses = ofKind(docs, 'Ingress');
    expect(ingresses).toHaveLength(5);
    for (const ingress of ingresses) {
      const service = ingress.metadata.labels?.['app.kubernetes.io/name'];
      for (const rule of ingress['spec'].rules)
        for (const path of rule.http.paths) {
          expect(path.backend.service).toEqual({ name: `hotline-${service}`, port: { name: 'http' } });
          expect(path.path).not.toMatch(/healthz|readyz|metrics/);
        }
      expect(ingress['spec'].tls.length).toBe(ingress['spec'].rules.length);
    }
    expect(ofKind(example('hotline/(defaults)'), 'Ingress')).toEqual([]);
  });

  it('a disabled service renders nothing', () => {
    const docs = template('hotline', ['-f', LINT_VALUES, '--set', 'analytics.enabled=false']);
    expect(docs.filter((d) => d.metadata['labels']?.['app.kubernetes.io/name'] === 'analytics')).toEqual([]);
    expect(ofKind(docs, 'Deployment')).toHaveLength(4);
  });
});

describe('upcoming intake features (off by default)', () => {
  it('are absent by default', () => {
    const docs = example('hotline/(defaults)');
    expect(ofKind(docs, 'Service').map((s) => s.metadata.name)).not.toContain('hotline-intake-interconnect-110');
    expect(container(forService(docs, 'Deployment', 'intake')[0]).volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  it('mount the 110 mutual-TLS certificates read-only and expose the interconnect as its own Service', () => {
    const docs = template('hotline', [
      '-f', LINT_VALUES,
      '--set', 'intake.interconnect110.enabled=true,intake.interconnect110.tlsSecret=hotline-110-mtls',
      '--set', 'intake.interconnect110.service.type=LoadBalancer',
      '--set', 'intake.interconnect110.allowedSources[0].ipBlock.cidr=10.110.0.0/16',
    ]);
    expect(validateManifests(docs)).toEqual([]);
    const [deployment] = forService(docs, 'Deployment', 'intake');
    const pod = deployment['spec'].template.spec;
    const c = container(deployment);
    const [config] = forService(docs, 'ConfigMap', 'intake');
    expect(c.volumeMounts).toContainEqual({ name: 'interconnect-110-tls', mountPath: '/var/run/secrets/hotline/interconnect-110', readOnly: true });
    const volume = (n: string) => pod.volumes.find((v: { name: string }) => v.name === n).secret;
    expect(volume('interconnect-110-tls').secretName).toBe('hotline-110-mtls');
    expect(volume('interconnect-110-tls').items.map((i: { key: string }) => i.key)).toEqual(['tls.crt', 'tls.key', 'ca.crt']);
    expect(config['data']).toMatchObject({
      INTERCONNECT_110_GRPC_PORT: '9443',
      INTERCONNECT_110_TLS_CA_FILE: '/var/run/secrets/hotline/interconnect-110/ca.crt',
    });
    expect(c.ports).toContainEqual({ name: 'interconnect', containerPort: 9443, protocol: 'TCP' });
    const [icx] = ofKind(docs, 'Service').filter((s) => s.metadata.name === 'hotline-intake-interconnect-110');
    expect(icx?.['spec']).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' });
    expect(icx['spec'].ports).toEqual([{ name: 'grpc-mtls', port: 9443, targetPort: 'interconnect', protocol: 'TCP' }]);
    const [policy] = forService(docs, 'NetworkPolicy', 'intake');
    expect(policy['spec'].ingress).toContainEqual({
      ports: [{ port: 9443, protocol: 'TCP' }],
      from: [{ ipBlock: { cidr: '10.110.0.0/16' } }],
    });
    // Only intake has them.
    expect(container(forService(docs, 'Deployment', 'dispatch')[0]).volumeMounts).toHaveLength(1);
  });
  it('pass the pinned interconnect peers to intake (LINKAGE_PEERS) and refuse a peer without a SHA-256 fingerprint', () => {
    const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
    const docs = template('hotline', [
      '-f', LINT_VALUES,
      '--set', 'intake.interconnect110.enabled=true,intake.interconnect110.tlsSecret=hotline-110-mtls',
      '--set', `intake.interconnect110.peers[0].name=police-110-3201,intake.interconnect110.peers[0].tenant=city-3201`,
      '--set-string', 'intake.interconnect110.peers[0].counterpart=110',
      '--set', `intake.interconnect110.peers[0].fingerprint=${fingerprint}`,
      '--set', 'intake.interconnect110.peers[0].address=gw.110.example:9443,intake.interconnect110.decisionTimeoutSeconds=300',
    ]);
    const [config] = forService(docs, 'ConfigMap', 'intake');
    expect(JSON.parse(config['data'].LINKAGE_PEERS)).toEqual([
      { name: 'police-110-3201', tenant: 'city-3201', counterpart: '110', fingerprint, address: 'gw.110.example:9443' },
    ]);
    expect(config['data'].LINKAGE_DECISION_TIMEOUT_SECONDS).toBe('300');
    expect(() =>
      template('hotline', ['-f', LINT_VALUES, '--set', 'intake.interconnect110.peers[0].name=p,intake.interconnect110.peers[0].fingerprint=not-one']),
    ).toThrow(/interconnect110\/peers\/0/);
  });
});

describe('values validation', () => {
  it.each([
    ['intake.replicaCount=0', /intake:\n- at '\/replicaCount': minimum: got 0, want 1/],
    ['global.auth.mode=ldap', /at '\/global\/auth\/mode': value must be one of 'jwks', 'local'/],
    ['intake.replicas=3', /intake:\n- at '': additional properties 'replicas' not allowed/],
    ['dispatch.containerPorts.http=80', /dispatch:\n- at '\/containerPorts\/http': minimum: got 80, want 1,024/],
    ['handling.securityContext.runAsUser=0', /handling:\n- at '\/securityContext\/runAsUser': minimum: got 0, want 1/],
    ['revisit.resources.limits=null', /revisit:\n- at '\/resources': missing property 'limits'/],
    ['global.streams.replicas=7', /at '\/global\/streams\/replicas': maximum: got 7, want 5/],
    ['global.otlp.endpoint=collector:4318', /at '\/global\/otlp\/endpoint': 'collector:4318' does not match pattern/],
    ['intake.metrics.prometheusRule.deadLetters.window=0m', /intake:\n- at '\/metrics\/prometheusRule\/deadLetters\/window': 'not' failed/],
    ['handling.metrics.prometheusRule.consumerUnavailable.for=10min', /at '\/metrics\/prometheusRule\/consumerUnavailable\/for': '10min' does not match pattern/],
    ['revisit.metrics.prometheusRule.selector=namespace=hotline', /at '\/metrics\/prometheusRule\/selector': 'namespace=hotline' does not match pattern/],
    ['analytics.metrics.prometheusRule.timersFailed.threshold=-1', /at '\/metrics\/prometheusRule\/timersFailed\/threshold': minimum: got -1, want 0/],
  ])('the schema rejects %s with a message naming the value', (set, message) => {
    expect(templateError('hotline', ['-f', LINT_VALUES, '--set', set])).toMatch(message);
  });

  it('the hotline-postgres schema rejects a cluster for an unknown service', () => {
    expect(templateError('hotline-postgres', ['--set', 'databases.billing.instances=1'])).toMatch(/propertyNames|billing/);
  });

  it('rules across values fail in one message naming every problem of the chart', () => {
    const error = templateError('hotline', [
      '-f', LINT_VALUES,
      '--set', 'intake.autoscaling.enabled=true,intake.autoscaling.minReplicas=5,intake.autoscaling.maxReplicas=2',
      '--set', 'intake.interconnect110.enabled=true,intake.piiMasterKey.existingSecret=',
    ]);
    expect(error).toContain('VALUES VALIDATION:');
    expect(error).toContain('intake: autoscaling.minReplicas (5) is greater than autoscaling.maxReplicas (2)');
    expect(error).toContain('intake: interconnect110.enabled needs interconnect110.tlsSecret');
    expect(error).toContain('intake: piiMasterKey.existingSecret is required');
  });

  it('jwks mode without a JWKS URL, an issuer or an audience fails with what to set', () => {
    const error = templateError('hotline', []);
    expect(error).toMatch(/global\.auth\.jwksUrl is required when global\.auth\.mode is "jwks"/);
    expect(error).toMatch(/global\.auth\.issuer is required when global\.auth\.mode is "jwks" \(services refuse tokens whose iss they cannot check\)/);
    expect(error).toMatch(/global\.auth\.audience is required when global\.auth\.mode is "jwks" \(services refuse tokens whose aud they cannot check\)/);
  });
});

describe('PostgreSQL and NATS', () => {
  it('hotline-postgres renders one CloudNativePG Cluster per service: own database, own owner role, no superuser access', () => {
    for (const name of ['hotline-postgres/small-city.yaml', 'hotline-postgres/province.yaml']) {
      const clusters = ofKind(example(name), 'Cluster');
      expect(clusters.map((c) => c.metadata.name).sort()).toEqual(SERVICES.map((s) => `hotline-db-${s}`).sort());
      for (const cluster of clusters) {
        const service = cluster.metadata.name.replace('hotline-db-', '');
        expect(cluster['spec'].bootstrap.initdb).toEqual({ database: service, owner: service });
        expect(cluster['spec'].enableSuperuserAccess).toBe(false);
      }
    }
    expect(ofKind(example('hotline-postgres/province.yaml'), 'Cluster').every((c) => c['spec'].instances === 3)).toBe(true);
  });

  it('the NATS values for the official chart run 3 clustered JetStream servers on persistent volumes, enough for the streams\' replicas', () => {
    const nats = load(readFileSync(join(EXAMPLES_DIR, 'nats/values.yaml'), 'utf8')) as {
      config: { cluster: { enabled: boolean; replicas: number }; jetstream: { enabled: boolean; fileStore: { pvc: { enabled: boolean } } } };
    };
    expect(nats.config.cluster).toEqual({ enabled: true, replicas: 3 });
    expect(nats.config.jetstream.enabled).toBe(true);
    expect(nats.config.jetstream.fileStore.pvc.enabled).toBe(true);
    for (const [, docs] of hotlineRenders())
      for (const config of ofKind(docs, 'ConfigMap'))
        expect(Number(config['data'].STREAM_REPLICAS)).toBeLessThanOrEqual(nats.config.cluster.replicas);
  });

  it('no chart provisions streams: the services do it at startup', () => {
    for (const [, docs] of hotlineRenders()) expect(ofKind(docs, 'Job').every((j) => /migrate\.js$/.test(container(j).args.at(-1)))).toBe(true);
  });
});
