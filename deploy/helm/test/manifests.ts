// Rendered manifests: parsed with js-yaml, validated against the Kubernetes OpenAPI schemas that
// kubernetes-models ships (kubectl cannot validate without a cluster). Every kind the charts
// render must be listed here: an unknown kind fails instead of passing unchecked.
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
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
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
