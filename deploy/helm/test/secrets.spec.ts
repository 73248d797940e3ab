// What the services take from Secrets besides their database URL: the PII master keys of intake
// and handling, and each service's gRPC mutual-TLS certificate (created beforehand, or written
// by a cert-manager Certificate the chart renders).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseServicePeers } from '@hotline/platform';
import { SERVICE_NAMES } from '@hotline/vocabulary';
import { ensureHelm, EXAMPLES_DIR, LINT_VALUES, prepareCharts } from './helm';
import { forService, Manifest, ofKind, validateManifests } from './manifests';
import { container, NAMESPACE, PII_SERVICES, renderChart, renderError } from './render';

const SERVICES: readonly string[] = SERVICE_NAMES;
/** The Secrets of the PII master keys in the test values (lint-values.yaml) and the examples. */
const PII_SECRETS: Record<string, string> = { intake: 'hotline-pii-master-key', handling: 'hotline-handling-pii-master-key' };
const MOUNT = '/var/run/secrets/hotline/grpc-tls';

let helm: string;
let charts: string;
const rendered = new Map<string, Manifest[]>();
const template = (chart: string, args: string[] = []): Manifest[] => renderChart(helm, charts, chart, args);
const templateError = (chart: string, args: string[]): string => renderError(helm, charts, chart, args);
const example = (file: string): Manifest[] => rendered.get(file) as Manifest[];
const piiEnv = (workload: Manifest) => (container(workload).env ?? []).filter((e: { name: string }) => e.name.startsWith('PII_'));
const volume = (deployment: Manifest, name: string) =>
  deployment['spec'].template.spec.volumes.find((v: { name: string }) => v.name === name);

beforeAll(() => {
  helm = ensureHelm();
  charts = prepareCharts(helm);
  for (const file of ['province.yaml', 'small-city.yaml']) rendered.set(file, template('hotline', ['-f', join(EXAMPLES_DIR, 'hotline', file)]));
  rendered.set('(defaults)', template('hotline', ['-f', LINT_VALUES]));
}, 120_000);

afterAll(() => {
  if (charts) rmSync(charts, { recursive: true, force: true });
});

describe('PII master keys (intake and handling)', () => {
  it('intake and handling read PII_MASTER_KEY, and optionally PII_KEY_VERSION and PII_RETIRED_KEYS, from their Secret, and so do their migration Jobs (which encrypt stored free text); no other service has them', () => {
    for (const [name, docs] of rendered) {
      for (const service of SERVICES) {
        const [deployment] = forService(docs, 'Deployment', service);
        const secret = PII_SECRETS[service];
        const expected = secret
          ? [
              { name: 'PII_MASTER_KEY', valueFrom: { secretKeyRef: { name: secret, key: 'pii-master-key' } } },
              { name: 'PII_KEY_VERSION', valueFrom: { secretKeyRef: { name: secret, key: 'pii-key-version', optional: true } } },
              { name: 'PII_RETIRED_KEYS', valueFrom: { secretKeyRef: { name: secret, key: 'pii-retired-keys', optional: true } } },
            ]
          : [];
        expect({ name, service, env: piiEnv(deployment) }).toEqual({ name, service, env: expected });
        const [job] = forService(docs, 'Job', service);
        expect({ name, service, job: piiEnv(job) }).toEqual({ name, service, job: expected });
        // A Secret, never a ConfigMap value.
        const [config] = forService(docs, 'ConfigMap', service);
        expect(Object.keys(config['data']).filter((k) => k.startsWith('PII_'))).toEqual([]);
      }
    }
  });

  it('the keys in the Secret can be renamed', () => {
    const docs = template('hotline', ['-f', LINT_VALUES, '--set', 'handling.piiMasterKey.key=master-key,handling.piiMasterKey.retiredKeysKey=old-keys']);
    const refs = piiEnv(forService(docs, 'Deployment', 'handling')[0]).map((e: { valueFrom: { secretKeyRef: { key: string } } }) => e.valueFrom.secretKeyRef.key);
    expect(refs).toEqual(['master-key', 'pii-key-version', 'old-keys']);
  });

  it.each(PII_SERVICES)('an empty %s piiMasterKey.existingSecret fails with a message naming it, in the umbrella and the service chart', (service) => {
    const expected = new RegExp(`${service}: piiMasterKey\\.existingSecret is required \\(the Secret whose key "pii-master-key" holds PII_MASTER_KEY`);
    expect(templateError('hotline', ['-f', LINT_VALUES, '--set', `${service}.piiMasterKey.existingSecret=`])).toMatch(expected);
    expect(templateError(service, ['--set', 'global.auth.jwksUrl=https://sso.example.gov.cn/jwks'])).toMatch(expected);
  });
});

describe('gRPC mutual TLS', () => {
  const configOf = (docs: Manifest[], service: string) => forService(docs, 'ConfigMap', service)[0]!['data'];

  it('is off by default: no certificate mounted, no GRPC_TLS_* variable, no Certificate', () => {
    const docs = example('(defaults)');
    expect(ofKind(docs, 'Certificate')).toEqual([]);
    for (const service of SERVICES) {
      const [deployment] = forService(docs, 'Deployment', service);
      expect(volume(deployment, 'grpc-tls')).toBeUndefined();
      expect(Object.keys(configOf(docs, service)).filter((k) => k.startsWith('GRPC_TLS') || k === 'GRPC_SERVICE_PEERS')).toEqual([]);
    }
  });

  it('with Secrets created beforehand: each service mounts its own certificate and key, and the CA from the CA Secret, read-only (small-city)', () => {
    const docs = example('small-city.yaml');
    expect(ofKind(docs, 'Certificate')).toEqual([]);
    for (const service of SERVICES) {
      const [deployment] = forService(docs, 'Deployment', service);
      expect(container(deployment).volumeMounts).toContainEqual({ name: 'grpc-tls', mountPath: MOUNT, readOnly: true });
      expect(volume(deployment, 'grpc-tls').projected.sources).toEqual([
        { secret: { name: `hotline-${service}-grpc-tls`, items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key' }] } },
        { secret: { name: 'hotline-grpc-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      ]);
      expect(configOf(docs, service)).toMatchObject({
        GRPC_TLS_CA_FILE: `${MOUNT}/ca.crt`,
        GRPC_TLS_CERT_FILE: `${MOUNT}/tls.crt`,
        GRPC_TLS_KEY_FILE: `${MOUNT}/tls.key`,
      });
      // The migration Job serves no gRPC.
      expect(container(forService(docs, 'Job', service)[0]).volumeMounts ?? []).not.toContainEqual(expect.objectContaining({ name: 'grpc-tls' }));
    }
  });

  it('with cert-manager: a Certificate per service, spiffe://hotline/<service> and its Service\'s names, written to the Secret its pods mount (province)', () => {
    const docs = example('province.yaml');
    expect(ofKind(docs, 'Certificate')).toHaveLength(SERVICES.length);
    for (const service of SERVICES) {
      const [certificate] = forService(docs, 'Certificate', service);
      const [deployment] = forService(docs, 'Deployment', service);
      const [svc] = forService(docs, 'Service', service);
      expect(certificate!.metadata).toMatchObject({ name: `hotline-${service}-grpc`, namespace: NAMESPACE });
      expect(certificate!['spec']).toMatchObject({
        secretName: `hotline-${service}-grpc-tls`,
        commonName: service,
        uris: [`spiffe://hotline/${service}`],
        usages: ['digital signature', 'server auth', 'client auth'],
        privateKey: { algorithm: 'ECDSA', rotationPolicy: 'Always' },
        issuerRef: { name: 'hotline-grpc-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      });
      expect(certificate!['spec'].dnsNames).toContain(`${svc!.metadata.name}.${NAMESPACE}.svc`);
      // Its own Secret carries the CA too (cert-manager writes the issuer's ca.crt).
      expect(volume(deployment!, 'grpc-tls').projected.sources).toEqual([
        { secret: { name: certificate!['spec'].secretName, items: ['tls.crt', 'tls.key', 'ca.crt'].map((k) => ({ key: k, path: k })) } },
      ]);
    }
  });

  it('admits the service identities of grpcTls.servicePeers (GRPC_SERVICE_PEERS), in the service that names them only', () => {
    const docs = example('province.yaml');
    const peers = configOf(docs, 'intake')['GRPC_SERVICE_PEERS'];
    expect(peers).toBe('gateway-110=*:linkage-peer');
    expect(parseServicePeers(peers).problems).toEqual([]);
    for (const service of SERVICES.filter((s) => s !== 'intake')) expect(configOf(docs, service)['GRPC_SERVICE_PEERS']).toBeUndefined();
  });

  it('takes a Secret of another name', () => {
    const docs = template('hotline', ['-f', LINT_VALUES, '--set', 'global.grpcTls.enabled=true,revisit.grpcTls.existingSecret=revisit-mtls']);
    expect(volume(forService(docs, 'Deployment', 'revisit')[0]!, 'grpc-tls').projected.sources[0].secret.name).toBe('revisit-mtls');
    expect(volume(forService(docs, 'Deployment', 'intake')[0]!, 'grpc-tls').projected.sources[0].secret.name).toBe('hotline-intake-grpc-tls');
  });

  it('refuses cert-manager without TLS or without an issuer, and service peers without TLS, naming each', () => {
    // Helm stops at the first chart that fails: the dispatch chart alone shows all of its messages.
    const error = templateError('dispatch', [
      '--set', 'global.auth.jwksUrl=https://sso.example.gov.cn/jwks,global.grpcTls.certManager.enabled=true',
      '--set-string', 'grpcTls.servicePeers=gw=city-1:agent',
    ]);
    expect(error).toContain('dispatch: global.grpcTls.certManager.enabled needs global.grpcTls.enabled');
    expect(error).toContain('dispatch: grpcTls.servicePeers needs global.grpcTls.enabled');
    expect(templateError('hotline', ['-f', LINT_VALUES, '--set-string', 'revisit.grpcTls.servicePeers=gw=city-1:agent'])).toContain(
      'revisit: grpcTls.servicePeers needs global.grpcTls.enabled',
    );
    const noIssuer = templateError('hotline', ['-f', LINT_VALUES, '--set', 'global.grpcTls.enabled=true,global.grpcTls.certManager.enabled=true']);
    expect(noIssuer).toMatch(/\w+: global\.grpcTls\.certManager\.issuerRef\.name is required/);
    expect(templateError('hotline', ['-f', LINT_VALUES, '--set', 'global.grpcTls.certManager.duration=90d'])).toMatch(
      /at '\/global\/grpcTls\/certManager\/duration': '90d' does not match pattern/,
    );
  });

  it('the validator checks a Certificate\'s structure: it rejects a broken one', () => {
    const certificate = structuredClone(forService(example('province.yaml'), 'Certificate', 'intake')[0]!);
    certificate['spec'].renewBefore = '9000h';
    certificate['spec'].usages = ['server auth', 'client authentication'];
    certificate['spec'].issuerRef = { kind: 'ClusterIssuer' };
    certificate['spec'].uris = ['hotline/intake'];
    certificate['spec'].ca = true;
    const errors = validateManifests([certificate]).join('\n');
    expect(errors).toMatch(/^Certificate\/hotline-intake-grpc: /);
    expect(errors).toContain('spec.renewBefore must be shorter than spec.duration');
    expect(errors).toContain('spec.usages: unknown usage client authentication');
    expect(errors).toContain('spec.issuerRef.name must be a non-empty string');
    expect(errors).toContain('spec.uris: hotline/intake is not a URI');
    expect(errors).toContain('spec: unknown field ca');
  });
});
