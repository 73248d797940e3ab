import { EntityManager } from 'typeorm';
import { ClassifierModel, deserialiseModel } from '@hotline/classify';
import { modelBody, taxonomyTree, TaxonomyNode } from './classification.repository';

interface Cached<T> {
  version: number;
  value: Promise<T>;
}

/**
 * Each tenant's active model and latest taxonomy, decoded once per version and kept in memory:
 * a suggestion asks the database only which versions are current (a training run on another
 * replica activates a new model; the next suggestion here loads it) and costs a dot product per
 * category. One entry per tenant, so a replaced model is dropped as soon as its successor loads.
 */
export class ClassifierCache {
  private readonly models = new Map<string, Cached<ClassifierModel>>();
  private readonly taxonomies = new Map<string, Cached<Map<string, TaxonomyNode>>>();

  model(manager: EntityManager, tenantId: string, version: number): Promise<ClassifierModel> {
    return this.cached(this.models, tenantId, version, async () => {
      const body = await modelBody(manager, version);
      if (!body) throw new Error(`classification model ${version} of ${tenantId} has no file`);
      return deserialiseModel(body);
    });
  }

  taxonomy(manager: EntityManager, tenantId: string, version: number): Promise<Map<string, TaxonomyNode>> {
    return this.cached(this.taxonomies, tenantId, version, () => taxonomyTree(manager, version));
  }

  private cached<T>(map: Map<string, Cached<T>>, tenantId: string, version: number, load: () => Promise<T>): Promise<T> {
    const hit = map.get(tenantId);
    if (hit && hit.version === version) return hit.value;
    // Concurrent suggestions for the new version share one load; a failed load is forgotten.
    const value = load();
    map.set(tenantId, { version, value });
    value.catch(() => {
      if (map.get(tenantId)?.value === value) map.delete(tenantId);
    });
    return value;
  }
}
