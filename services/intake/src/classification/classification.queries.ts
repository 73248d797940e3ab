import { EntityManager } from 'typeorm';
import { listModels, qualityByModel } from './classification.repository';
import type { Quality } from './classification.schemas';
import { toModelView, toQualityView } from './classification.views';

/** Every model of the tenant, newest first, with its held-back figures and those of the model it was judged against. */
export async function classificationModels(manager: EntityManager) {
  const models = await listModels(manager);
  const active = models.find((m) => m.state === 'active');
  return { activeVersion: active?.version ?? null, items: models.map(toModelView) };
}

/** How often agents chose what was suggested, per model version, for suggestions shown in [from, to). */
export async function classificationQuality(manager: EntityManager, query: Quality) {
  return toQualityView(query.from, query.to, await qualityByModel(manager, query.from, query.to));
}
