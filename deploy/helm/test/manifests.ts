// Rendered manifests: parsed with js-yaml, validated against the Kubernetes OpenAPI schemas that
// kubernetes-models ships (kubectl cannot validate without a cluster). Every kind the charts
// render must be listed here: an unknown kind fails instead of passing unchecked. The custom
// resources kubernetes-models has no model for (CloudNativePG's Cluster, Prometheus Operator's
// PrometheusRule, cert-manager's Certificate) are checked structurally below.
import { loadAll } from 'js-yaml';
import { ConfigMap, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';

// Manifests are plain JSON-like trees; tests walk them with optional chaining.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = Record<string, any> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
};

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

const MODELS: Record<string, ModelClass> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
};

/**
 * CloudNativePG's Cluster has no model in kubernetes-models; these are the fields the
 * hotline-postgres chart sets, checked against the CRD's types (postgresql.cnpg.io/v1).
 */
function validateCnpgCluster(doc: Manifest): void {
  const spec = doc['spec'];
  const problems: string[] = [];
  if (!Number.isInteger(spec?.instances) || spec.instances < 1) problems.push('spec.instances must be an integer ≥ 1');
  if (typeof spec?.storage?.size !== 'string') problems.push('spec.storage.size must be a string quantity');
  if (typeof spec?.bootstrap?.initdb?.database !== 'string') problems.push('spec.bootstrap.initdb.database must be a string');
  if (typeof spec?.bootstrap?.initdb?.owner !== 'string') problems.push('spec.bootstrap.initdb.owner must be a string');
  if (spec?.enableSuperuserAccess !== false) problems.push('spec.enableSuperuserAccess must be false');
  if (spec?.postgresql?.parameters && Object.values(spec.postgresql.parameters).some((v) => typeof v !== 'string'))
    problems.push('spec.postgresql.parameters values must be strings');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(doc.metadata?.name ?? '') || doc.metadata.name.length > 50)
    problems.push('metadata.name must be a DNS label of at most 50 characters');
  if (problems.length) throw new Error(problems.join('; '));
}

// Prometheus Operator's duration (monitoring.coreos.com/v1 Duration) and Prometheus's label names.
const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const K8S_LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const GROUP_KEYS = new Set(['name', 'interval', 'rules', 'partial_response_strategy', 'limit', 'query_offset', 'labels']);
const RULE_KEYS = new Set(['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);

const isStringMap = (v: unknown): v is Record<string, string> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/** The brackets of an expression or a template close in order (outside string literals). */
function balanced(text: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0 && !quote;
}

/**
 * Prometheus Operator's PrometheusRule has no model in kubernetes-models; checked against the
 * CRD's structure (monitoring.coreos.com/v1): spec.groups[] with a unique name and rules[],
 * each rule an alert or a record with an expression, a Duration `for`, string label and
 * annotation maps, and nothing else. Expressions and annotation templates must have balanced
 * brackets, and no string may hold what a broken Helm template leaves (`<no value>`, `%!`).
 */
function validatePrometheusRule(doc: Manifest): void {
  const problems: string[] = [];
  const name = doc.metadata?.name ?? '';
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253) problems.push('metadata.name must be a DNS subdomain');
  for (const field of ['labels', 'annotations'] as const) {
    const map = doc.metadata?.[field];
    if (map !== undefined && !isStringMap(map)) problems.push(`metadata.${field} must map strings to strings`);
  }
  for (const [key, value] of Object.entries(doc.metadata?.labels ?? {}))
    if (!K8S_LABEL_VALUE.test(String(value)) || String(value).length > 63) problems.push(`metadata.labels.${key} is not a valid label value`);
  const spec = doc['spec'];
  const extra = Object.keys(spec ?? {}).filter((k) => k !== 'groups');
  if (extra.length) problems.push(`spec: unknown field(s) ${extra.join(', ')}`);
  if (!Array.isArray(spec?.groups) || spec.groups.length === 0) problems.push('spec.groups must be a non-empty array');
  const groupNames = new Set<string>();
  (Array.isArray(spec?.groups) ? spec.groups : []).forEach((group: Record<string, unknown>, g: number) => {
    const at = `spec.groups[${g}]`;
    if (typeof group?.['name'] !== 'string' || !group['name']) problems.push(`${at}.name must be a non-empty string`);
    else if (groupNames.has(group['name'])) problems.push(`${at}.name ${group['name']} is not unique`);
    else groupNames.add(group['name']);
    for (const key of Object.keys(group ?? {})) if (!GROUP_KEYS.has(key)) problems.push(`${at}: unknown field ${key}`);
    if (group?.['interval'] !== undefined && !DURATION.test(String(group['interval']))) problems.push(`${at}.interval must be a duration`);
    const rules = group?.['rules'];
    if (!Array.isArray(rules) || rules.length === 0) {
      problems.push(`${at}.rules must be a non-empty array`);
      return;
    }
    rules.forEach((rule: Record<string, unknown>, r: number) => {
      const ra = `${at}.rules[${r}]`;
      for (const key of Object.keys(rule ?? {})) if (!RULE_KEYS.has(key)) problems.push(`${ra}: unknown field ${key}`);
      const isAlert = typeof rule?.['alert'] === 'string';
      if (isAlert === (typeof rule?.['record'] === 'string')) problems.push(`${ra} must have exactly one of alert and record`);
      const ruleName = String(rule?.['alert'] ?? rule?.['record'] ?? '');
      if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(ruleName)) problems.push(`${ra}: ${ruleName || '(no name)'} is not a valid alert or record name`);
      const expr = rule?.['expr'];
      if (typeof expr !== 'string' || !expr.trim()) problems.push(`${ra}.expr must be a non-empty string`);
      else if (!balanced(expr)) problems.push(`${ra}.expr has unbalanced brackets or quotes`);
      for (const key of ['for', 'keep_firing_for'])
        if (rule?.[key] !== undefined && (!isAlert || typeof rule[key] !== 'string' || !DURATION.test(rule[key] as string)))
          problems.push(`${ra}.${key} must be a duration, on an alert only`);
      for (const key of ['labels', 'annotations']) {
        const map = rule?.[key];
        if (map === undefined) continue;
        if (!isStringMap(map)) problems.push(`${ra}.${key} must map strings to strings`);
        else {
          for (const label of Object.keys(map)) if (!LABEL_NAME.test(label)) problems.push(`${ra}.${key}: ${label} is not a valid label name`);
          if (key === 'annotations' && !isAlert) problems.push(`${ra}.annotations: on an alert only`);
          for (const [k, v] of Object.entries(map))
            if ((v.match(/{{/g) ?? []).length !== (v.match(/}}/g) ?? []).length) problems.push(`${ra}.${key}.${k} has unbalanced {{ }}`);
        }
      }
    });
  });
  const strings = JSON.stringify(doc);
  if (/<no value>|%!/.test(strings)) problems.push('a value holds a broken template\'s output (<no value> or %!)');
  if (problems.length) throw new Error(problems.join('; '));
}

// cert-manager's KeyUsage names and Go durations (cert-manager.io/v1).
const KEY_USAGES = new Set([
  'signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign',
  'crl sign', 'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing', 'email protection',
  's/mime', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing', 'microsoft sgc', 'netscape sgc',
]);
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(h|m|s|ms))+$/;
const CERTIFICATE_KEYS = new Set([
  'secretName', 'commonName', 'dnsNames', 'uris', 'ipAddresses', 'emailAddresses', 'duration', 'renewBefore', 'privateKey', 'usages',
  'issuerRef', 'isCA', 'subject', 'secretTemplate', 'keystores', 'revisionHistoryLimit', 'additionalOutputFormats', 'literalSubject',
]);
const goHours = (d: string) =>
  [...d.matchAll(/([0-9.]+)(ms|h|m|s)/g)].reduce((sum, [, n, u]) => sum + Number(n) * ({ h: 1, m: 1 / 60, s: 1 / 3600, ms: 1 / 3.6e6 }[u as 'h'] ?? 0), 0);

/**
 * cert-manager's Certificate has no model in kubernetes-models; checked against the CRD's
 * structure (cert-manager.io/v1): a Secret name, at least one identity (DNS name, URI, IP,
 * e-mail or common name), Go durations with renewBefore shorter than duration, known key
 * usages and private key algorithms, and an issuer reference with a name.
 */
function validateCertificate(doc: Manifest): void {
  const problems: string[] = [];
  const spec = doc['spec'] ?? {};
  for (const key of Object.keys(spec)) if (!CERTIFICATE_KEYS.has(key)) problems.push(`spec: unknown field ${key}`);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(spec.secretName ?? '') || spec.secretName.length > 253) problems.push('spec.secretName must be a DNS subdomain');
  const names = ['dnsNames', 'uris', 'ipAddresses', 'emailAddresses'] as const;
  for (const key of names)
    if (spec[key] !== undefined && (!Array.isArray(spec[key]) || !spec[key].every((v: unknown) => typeof v === 'string' && v)))
      problems.push(`spec.${key} must be a list of non-empty strings`);
  if (!names.some((key) => spec[key]?.length) && !spec.commonName) problems.push('spec needs a dnsNames, uris, ipAddresses, emailAddresses or commonName entry');
  if (typeof spec.commonName === 'string' && spec.commonName.length > 64) problems.push('spec.commonName is longer than 64 characters');
  for (const uri of spec.uris ?? []) if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(String(uri))) problems.push(`spec.uris: ${uri} is not a URI`);
  for (const key of ['duration', 'renewBefore'])
    if (spec[key] !== undefined && (typeof spec[key] !== 'string' || !GO_DURATION.test(spec[key]))) problems.push(`spec.${key} must be a Go duration`);
  if (spec.duration && spec.renewBefore && goHours(spec.renewBefore) >= goHours(spec.duration)) problems.push('spec.renewBefore must be shorter than spec.duration');
  for (const usage of spec.usages ?? []) if (!KEY_USAGES.has(usage)) problems.push(`spec.usages: unknown usage ${usage}`);
  const key = spec.privateKey;
  if (key !== undefined) {
    if (key.algorithm !== undefined && !['RSA', 'ECDSA', 'Ed25519'].includes(key.algorithm)) problems.push('spec.privateKey.algorithm must be RSA, ECDSA or Ed25519');
    if (key.algorithm === 'ECDSA' && key.size !== undefined && ![256, 384, 521].includes(key.size)) problems.push('spec.privateKey.size must be 256, 384 or 521 for ECDSA');
    if (key.rotationPolicy !== undefined && !['Never', 'Always'].includes(key.rotationPolicy)) problems.push('spec.privateKey.rotationPolicy must be Never or Always');
  }
  const issuer = spec.issuerRef;
  if (typeof issuer?.name !== 'string' || !issuer.name) problems.push('spec.issuerRef.name must be a non-empty string');
  for (const field of ['kind', 'group'])
    if (issuer?.[field] !== undefined && (typeof issuer[field] !== 'string' || !issuer[field])) problems.push(`spec.issuerRef.${field} must be a non-empty string`);
  if (/<no value>|%!/.test(JSON.stringify(doc))) problems.push('a value holds a broken template\'s output (<no value> or %!)');
  if (problems.length) throw new Error(problems.join('; '));
}

export function parseManifests(yaml: string): Manifest[] {
  return loadAll(yaml).filter((doc): doc is Manifest => doc !== null && typeof doc === 'object');
}

/** Validates every manifest; returns one message per invalid manifest. */
export function validateManifests(docs: Manifest[]): string[] {
  const errors: string[] = [];
  for (const doc of docs) {
    const id = `${doc.kind}/${doc.metadata?.name}`;
    try {
      if (doc.apiVersion === 'postgresql.cnpg.io/v1' && doc.kind === 'Cluster') {
        validateCnpgCluster(doc);
        continue;
      }
      if (doc.apiVersion === 'monitoring.coreos.com/v1' && doc.kind === 'PrometheusRule') {
        validatePrometheusRule(doc);
        continue;
      }
      if (doc.apiVersion === 'cert-manager.io/v1' && doc.kind === 'Certificate') {
        validateCertificate(doc);
        continue;
      }
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}: add it to deploy/helm/test/manifests.ts`);
      new Model(structuredClone(doc) as never).validate();
    } catch (err) {
      errors.push(`${id}: ${(err as Error).message}`);
    }
  }
  return errors;
}

export const ofKind = (docs: Manifest[], kind: string): Manifest[] => docs.filter((d) => d.kind === kind);

/** The manifest of a kind whose app.kubernetes.io/name label is the service. */
export function forService(docs: Manifest[], kind: string, service: string): Manifest[] {
  return ofKind(docs, kind).filter((d) => d.metadata['labels']?.['app.kubernetes.io/name'] === service);
}
