import { EntityManager } from 'typeorm';
import { explain, predict } from '@hotline/classify';
import { Identity, uuidv7 } from '@hotline/platform';
import { latestTaxonomyVersion } from '../categories/taxonomy.repository';
import { activeModelVersion, insertSuggestion } from './classification.repository';
import type { Suggest } from './classification.schemas';
import { ClassifierCache } from './classifier-cache';
import { suggestRequestType, suggestUrgency } from './request-type-rules';
import { pathOf } from './training-plan';

const SUGGESTED = 3;
const TERMS = 5;
/** As registration titles a request given none (its content's first 30 characters), so the model reads what it was trained on. */
const DERIVED_TITLE_CHARS = 30;

export interface CategorySuggestionView {
  code: string;
  name: string;
  /** Level 1 down to the category. */
  path: Array<{ code: string; name: string }>;
  probability: number;
  /** The words of the text that pushed most towards it. */
  terms: string[];
}

export interface SuggestionView {
  suggestionId: string;
  /** null: the tenant has no model yet (no category suggestions, type and urgency still). */
  modelVersion: number | null;
  categories: CategorySuggestionView[];
  requestType: { code: string; probability: number; cues: string[] };
  urgency: { code: string; probability: number; cues: string[] };
}

/**
 * Suggestions while the agent types: the active model's best three categories that the latest
 * taxonomy still has, with the words behind each, and the type and urgency by keyword rules.
 * Each is recorded (codes and probabilities, no text) so the agent's choice can be set against it.
 */
export async function suggestClassification(manager: EntityManager, cache: ClassifierCache, who: Identity, input: Suggest): Promise<SuggestionView> {
  const title = input.title ?? Array.from(input.content).slice(0, DERIVED_TITLE_CHARS).join('');
  const fields = [title, input.content];
  const modelVersion = (await activeModelVersion(manager)) ?? null;
  const categories: CategorySuggestionView[] = [];
  const taxonomyVersion = await latestTaxonomyVersion(manager);
  if (modelVersion !== null && taxonomyVersion > 0) {
    const model = await cache.model(manager, who.tenantId, modelVersion);
    const tree = await cache.taxonomy(manager, who.tenantId, taxonomyVersion);
    const ranked = predict(model, fields, { topK: model.labels.length }).suggestions;
    for (const s of ranked) {
      if (categories.length === SUGGESTED) break;
      const node = tree.get(s.label);
      if (!node) continue;
      const terms = [...new Set(explain(model, fields, s.label, TERMS).map((t) => t.term))];
      const path = pathOf(tree, s.label).map((code) => ({ code, name: tree.get(code)?.name ?? code }));
      categories.push({ code: s.label, name: node.name, path, probability: s.probability, terms });
    }
  }
  const requestType = suggestRequestType(input.title, input.content);
  const urgency = suggestUrgency(input.title, input.content);
  const suggestionId = uuidv7();
  await insertSuggestion(manager, who.tenantId, {
    id: suggestionId,
    modelVersion,
    createdAt: new Date(),
    createdBy: who.subject,
    categories: categories.map((c) => ({ code: c.code, probability: c.probability })),
    requestType,
    urgency,
  });
  return { suggestionId, modelVersion, categories, requestType, urgency };
}
