#!/usr/bin/env node
// Writes values.schema.json for the five service charts and the umbrella chart from one
// definition, so the six schemas cannot drift apart. Descriptions come from the
// `## @param <path> <description>` comments (the bitnami convention): for a service chart, those
// of the defaults every service chart imports (charts/hotline-lib/values.yaml, exports.defaults)
// and those of its own values.yaml; for the umbrella chart, those of its values.yaml.
//
// The schemas need not know where a default is written: Helm merges the imported defaults into
// a service chart's values (import-values) before it checks them, so the values it checks are
// the same as when every service chart spelled them out (and `required` keys are there).
//
//   node deploy/helm/values-schema.mjs          # write the schemas
//   node deploy/helm/values-schema.mjs --check  # exit 1 if a committed schema is out of date
//
// Helm checks values against these schemas on lint, template, install and upgrade, and names
// the offending path: `at '/intake/replicaCount': minimum: got 0, want 1`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const charts = join(dirname(fileURLToPath(import.meta.url)), 'charts');
/** The service charts: the umbrella chart's dependencies (`repository: file://../<name>`), in its order. */
export const SERVICES = [...readFileSync(join(charts, 'hotline', 'Chart.yaml'), 'utf8').matchAll(/^\s*repository: *file:\/\/\.\.\/(\S+)\s*$/gm)].map(
  ([, name]) => name,
);
if (SERVICES.length === 0) throw new Error('charts/hotline/Chart.yaml lists no file://../<service> dependency');

// --- building blocks -------------------------------------------------------------------------
const obj = (properties, extra = {}) => ({ type: 'object', additionalProperties: false, properties, ...extra });
const str = (extra = {}) => ({ type: 'string', ...extra });
const bool = () => ({ type: 'boolean' });
const int = (minimum, maximum) => ({ type: 'integer', ...(minimum !== undefined && { minimum }), ...(maximum !== undefined && { maximum }) });
const stringMap = () => ({ type: 'object', additionalProperties: { type: 'string' } });
const objects = () => ({ type: 'array', items: { type: 'object' } });
const peers = () => ({ type: 'array', items: { type: 'object', minProperties: 1 } });
const quantity = () => ({
  type: ['string', 'number'],
  pattern: '^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$',
});
const resources = () =>
  obj(
    {
      requests: obj({ cpu: quantity(), memory: quantity() }),
      limits: obj({ cpu: quantity(), memory: quantity() }, { required: ['cpu', 'memory'] }),
    },
    { required: ['limits'] },
  );
const intOrPercent = () => ({ type: ['integer', 'string'], pattern: '^([0-9]+%?)?$' });
const url = (schemes) => str({ pattern: `^((${schemes.join('|')})://[^\\s]+)?$` });
const dnsLabel = () => str({ pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$', maxLength: 63 });
const envName = '^[A-Za-z_][A-Za-z0-9_]*$';
const probe = () =>
  obj({ periodSeconds: int(1, 300), timeoutSeconds: int(1, 60), failureThreshold: int(1, 1000) }, {
    required: ['periodSeconds', 'timeoutSeconds', 'failureThreshold'],
  });
// A non-root UID/GID, or null where the platform assigns one (OpenShift).
const nonRootId = () => ({ type: ['integer', 'null'], minimum: 1 });
// A PromQL / Prometheus Operator duration ("15m", "1h30m"); a window must be longer than 0.
const durationPattern = '(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?';
const duration = () => str({ pattern: `^(0|${durationPattern})$`, minLength: 1 });
const window = () => str({ pattern: `^${durationPattern}$`, minLength: 2, not: { pattern: '^(0+(y|w|d|h|m|s|ms))+$' } });
// Label matchers added to every alert expression: name="value", name=~"regex", … comma-separated.
const matcher = '[a-zA-Z_][a-zA-Z0-9_]*\\s*(=|!=|=~|!~)\\s*"([^"\\\\]|\\\\.)*"';
const matchers = () => str({ pattern: `^(${matcher}(\\s*,\\s*${matcher})*)?$` });
const labelName = '^[a-zA-Z_][a-zA-Z0-9_]*$';
// A key of a Secret's data; a Go duration as cert-manager takes it ("2160h", "90m").
const secretKey = '^[-._a-zA-Z0-9]+$';
const goDuration = () => str({ pattern: '^([0-9]+(\\.[0-9]+)?(h|m|s|ms))+$' });
const alertLabels = () => ({ type: 'object', propertyNames: { pattern: labelName }, additionalProperties: { type: 'string' } });
/** One alert of the PrometheusRule: on/off, its window, pending time, severity, and a count threshold where it has one. */
const alert = ({ threshold = false } = {}) =>
  obj(
    {
      enabled: bool(),
      window: window(),
      ...(threshold && { threshold: int(0, 1000000) }),
      for: duration(),
      severity: str({ minLength: 1, pattern: '^[-_a-zA-Z0-9]+$' }),
    },
    { required: ['enabled', 'window', 'for', 'severity', ...(threshold ? ['threshold'] : [])] },
  );
const prometheusRule = () =>
  obj({
    enabled: bool(),
    namespace: dnsLabel(),
    labels: stringMap(),
    selector: matchers(),
    alertLabels: alertLabels(),
    deadLetters: alert({ threshold: true }),
    consumerUnavailable: alert(),
    outboxStalled: alert(),
    timersFailed: alert({ threshold: true }),
  });

// --- global (shared by the umbrella and the five services) ------------------------------------
const globalSchema = () =>
  obj({
    image: obj({
      registry: str(),
      tag: str(),
      pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
      pullSecrets: { type: 'array', items: str({ minLength: 1 }) },
    }),
    nats: obj({ url: url(['nats', 'tls']), existingSecret: str(), urlKey: str({ minLength: 1 }) }),
    eventNamespace: str({ pattern: '^([a-z0-9]+(-[a-z0-9]+)*)?$' }),
    streams: obj({ replicas: int(1, 5), maxAgeDays: int(1, 3650) }),
    auth: obj({
      mode: { enum: ['jwks', 'local'] },
      jwksUrl: url(['https', 'http']),
      issuer: str(),
      audience: str(),
      existingSecret: str(),
      localSecretKey: str({ minLength: 1 }),
    }),
    grpcTls: obj({
      enabled: bool(),
      mountPath: str({ pattern: '^/' }),
      caSecret: str(),
      caKey: str({ pattern: secretKey }),
      certManager: obj({
        enabled: bool(),
        issuerRef: obj({ name: str(), kind: { enum: ['Issuer', 'ClusterIssuer'] }, group: str({ minLength: 1 }) }),
        duration: goDuration(),
        renewBefore: goDuration(),
      }),
    }),
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    otlp: obj({ endpoint: url(['https', 'http']) }),
    database: obj({ cnpgClusterPrefix: dnsLabel() }),
    ingress: obj({
      enabled: bool(),
      className: str(),
      annotations: stringMap(),
      publicHost: str(),
      publicTlsSecret: str(),
      consoleHost: str(),
      consoleTlsSecret: str(),
    }),
    networkPolicy: obj({
      enabled: bool(),
      dnsPeers: peers(),
      natsPeers: peers(),
      databasePeers: peers(),
      databasePort: int(1, 65535),
      otlpPeers: peers(),
      jwksPeers: peers(),
      ingressControllerPeers: peers(),
      monitoringPeers: peers(),
      apiClientPeers: peers(),
    }),
  });

// --- one service -------------------------------------------------------------------------------
const serviceSchema = (service) => {
  const properties = {
    global: globalSchema(),
    // Helm adds the library dependency's (empty) values under its name.
    'hotline-lib': { type: 'object' },
    enabled: bool(),
    nameOverride: dnsLabel(),
    fullnameOverride: dnsLabel(),
    commonLabels: stringMap(),
    image: obj({
      repository: str({ minLength: 1 }),
      tag: str(),
      digest: str({ pattern: '^(sha256:[a-f0-9]{64})?$' }),
      pullPolicy: { enum: ['', 'Always', 'IfNotPresent', 'Never'] },
    }),
    replicaCount: int(1, 100),
    // The container runs as non-root with every capability dropped: no port below 1024.
    containerPorts: obj({ http: int(1024, 65535), grpc: int(1024, 65535) }, { required: ['http', 'grpc'] }),
    service: obj({ ports: obj({ http: int(1, 65535), grpc: int(1, 65535) }), annotations: stringMap() }),
    database: obj({ existingSecret: str(), urlKey: str(), poolSize: int(1, 200) }),
    logLevel: { enum: ['', 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    outboxPollMs: int(10, 60000),
    timerPollMs: int(10, 60000),
    rateLimitPerMinute: int(1, 1000000),
    nodeOptions: str(),
    extraConfig: {
      type: 'object',
      propertyNames: { pattern: envName },
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    extraEnv: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: str({ pattern: envName }) } } },
    resources: resources(),
    autoscaling: obj({
      enabled: bool(),
      minReplicas: int(1, 100),
      maxReplicas: int(1, 500),
      targetCPUUtilizationPercentage: int(1, 100),
      targetMemoryUtilizationPercentage: { type: ['integer', 'null'], minimum: 1, maximum: 100 },
      scaleDownStabilizationSeconds: int(0, 3600),
    }),
    pdb: obj({ enabled: bool(), maxUnavailable: intOrPercent(), minAvailable: intOrPercent() }),
    migrations: obj({
      enabled: bool(),
      hookWeight: int(-100, 100),
      backoffLimit: int(0, 20),
      activeDeadlineSeconds: int(30, 86400),
      serviceAccountName: str(),
      resources: resources(),
    }),
    serviceAccount: obj({ create: bool(), name: str(), annotations: stringMap() }),
    securityContext: obj({ runAsUser: nonRootId(), runAsGroup: nonRootId(), fsGroup: nonRootId() }),
    tmpSizeLimit: quantity(),
    startupProbe: probe(),
    livenessProbe: probe(),
    readinessProbe: probe(),
    terminationGracePeriodSeconds: int(5, 600),
    preStopSleepSeconds: int(0, 60),
    metrics: obj({ podAnnotations: bool(), prometheusRule: prometheusRule() }),
    podAnnotations: stringMap(),
    podLabels: stringMap(),
    priorityClassName: str(),
    nodeSelector: stringMap(),
    tolerations: objects(),
    affinity: { type: 'object' },
    topologySpreadConstraints: objects(),
    ingress: obj({
      publicPaths: { type: 'array', items: str({ pattern: '^/' }) },
      consolePaths: { type: 'array', items: str({ pattern: '^/' }) },
      annotations: stringMap(),
    }),
    networkPolicy: obj({ databasePeers: peers(), extraIngress: objects(), extraEgress: objects() }),
    // servicePeers: GRPC_SERVICE_PEERS, checked by the service itself (libs/platform/src/grpc/grpc-peers.ts).
    grpcTls: obj({ existingSecret: str(), servicePeers: str() }),
  };
  if (service === 'intake' || service === 'handling') {
    // Required: the chart's validation (hotline-lib _validate.tpl) names an empty existingSecret.
    properties.piiMasterKey = obj({
      existingSecret: str(),
      key: str({ pattern: secretKey }),
      versionKey: str({ pattern: secretKey }),
      retiredKeysKey: str({ pattern: secretKey }),
    });
  }
  if (service === 'intake') {
    properties.interconnect110 = obj({
      enabled: bool(),
      containerPort: int(1024, 65535),
      tlsSecret: str(),
      mountPath: str({ pattern: '^/' }),
      allowedSources: peers(),
      peers: {
        type: 'array',
        items: obj(
          {
            name: str({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
            tenant: str({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
            counterpart: { enum: ['110', '119', '120', '122', 'water', 'power', 'gas', 'heating'] },
            fingerprint: str({ pattern: '^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$' }),
            address: str({ pattern: '^[A-Za-z0-9.-]+:[0-9]{1,5}$' }),
            ratePerSecond: int(1, 10000),
          },
          { required: ['name', 'tenant', 'counterpart', 'fingerprint', 'address'] },
        ),
      },
      decisionTimeoutSeconds: int(1, 604800),
      service: obj({
        type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] },
        port: int(1, 65535),
        nodePort: { type: ['integer', 'null'], minimum: 30000, maximum: 32767 },
        externalTrafficPolicy: { enum: ['Cluster', 'Local'] },
        loadBalancerSourceRanges: { type: 'array', items: str() },
        annotations: stringMap(),
      }),
    });
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${service} service chart values`,
    ...obj(properties),
  };
};

const umbrellaSchema = () => ({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'hotline umbrella chart values (each service is checked by its own chart schema too)',
  ...obj({
    global: globalSchema(),
    ...Object.fromEntries(
      SERVICES.map((s) => [
        s,
        {
          type: 'object',
          description: `Values of the ${s} chart (see charts/${s}/values.yaml, and the defaults of every service in charts/hotline-lib/values.yaml)`,
          properties: { enabled: bool() },
        },
      ]),
    ),
  }),
});

// --- descriptions from `## @param path text` ----------------------------------------------------
function describe(schema, valuesYaml) {
  for (const [, path, text] of valuesYaml.matchAll(/^\s*## @param (\S+) (.+)$/gm)) {
    let node = schema;
    for (const key of path.split('.')) node = node?.properties?.[key];
    if (!node) throw new Error(`@param ${path} has no schema entry`);
    node.description = text.trim();
  }
  return schema;
}

const render = (schema) => `${JSON.stringify(schema, null, 2)}\n`;

export function expectedSchemas() {
  const out = {};
  // Its `## @param` paths are the service charts' (it is imported as their top level).
  const defaults = readFileSync(join(charts, 'hotline-lib', 'values.yaml'), 'utf8');
  for (const s of SERVICES) {
    const values = readFileSync(join(charts, s, 'values.yaml'), 'utf8');
    out[join(charts, s, 'values.schema.json')] = render(describe(describe(serviceSchema(s), defaults), values));
  }
  const umbrellaValues = readFileSync(join(charts, 'hotline', 'values.yaml'), 'utf8');
  out[join(charts, 'hotline', 'values.schema.json')] = render(describe(umbrellaSchema(), umbrellaValues));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of Object.entries(expectedSchemas())) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing: written below, or reported as stale
    }
    if (current === text) continue;
    if (check) {
      stale++;
      process.stderr.write(`out of date: ${file} (run node deploy/helm/values-schema.mjs)\n`);
    } else {
      writeFileSync(file, text);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  process.exit(stale ? 1 : 0);
}
