import { EntityManager } from 'typeorm';
import { Identity, ProblemError } from '@hotline/platform';
import { latestTaxonomyVersion } from '../categories/taxonomy.repository';
import { lockSuggestion, OutcomeRow, recordOutcome, requestExists, StoredSuggestion } from './classification.repository';
import type { Outcome } from './classification.schemas';
import { ClassifierCache } from './classifier-cache';
import { isRightCategory, pathOf } from './training-plan';

export interface OutcomeView {
  suggestionId: string;
  modelVersion: number | null;
  categoryCode: string;
  requestType: string;
  urgency: string;
  requestId: string | null;
  /** Rank of the first suggested category that was the agent's or above it; null when none was. */
  matchedRank: number | null;
  recordedAt: string;
}

const sameChoice = (o: OutcomeRow, input: Outcome) =>
  o.categoryCode === input.categoryCode && o.requestType === input.requestType && o.urgency === input.urgency && o.requestId === (input.requestId ?? null);

/**
 * The agent's choice for a suggestion, recorded once: the same choice again answers as the first
 * time did (a retry), another one is a 409. The category must be one of the latest taxonomy.
 */
export async function recordSuggestionOutcome(
  manager: EntityManager,
  cache: ClassifierCache,
  who: Identity,
  suggestionId: string,
  input: Outcome,
): Promise<OutcomeView> {
  const suggestion = await lockSuggestion(manager, suggestionId);
  if (!suggestion) throw ProblemError.notFound(`suggestion ${suggestionId}`);
  const view = (o: OutcomeRow): OutcomeView => ({
    suggestionId,
    modelVersion: suggestion.modelVersion,
    categoryCode: o.categoryCode,
    requestType: o.requestType,
    urgency: o.urgency,
    requestId: o.requestId,
    matchedRank: o.matchedRank,
    recordedAt: o.at.toISOString(),
  });
  if (suggestion.outcome) {
    if (sameChoice(suggestion.outcome, input)) return view(suggestion.outcome);
    throw new ProblemError(409, 'outcome_recorded', 'Outcome already recorded', `suggestion ${suggestionId} has another outcome already`);
  }
  const taxonomyVersion = await latestTaxonomyVersion(manager);
  const tree = await cache.taxonomy(manager, who.tenantId, taxonomyVersion);
  if (!tree.has(input.categoryCode)) throw ProblemError.validation([{ field: 'categoryCode', message: 'not a category of the latest taxonomy' }]);
  if (input.requestId && !(await requestExists(manager, input.requestId)))
    throw ProblemError.validation([{ field: 'requestId', message: 'no request of this hotline has this id' }]);
  const outcome = outcomeOf(suggestion, input, pathOf(tree, input.categoryCode), who.subject, new Date());
  await recordOutcome(manager, suggestionId, outcome);
  return view(outcome);
}

/** The agent's choice as recorded against a suggestion, with the rank the suggestion gave it. */
export function outcomeOf(
  suggestion: StoredSuggestion,
  choice: { categoryCode: string; requestType: string; urgency: string; requestId?: string | null },
  confirmedPath: readonly string[],
  by: string,
  at: Date,
): OutcomeRow {
  const rank = suggestion.categories.findIndex((c) => isRightCategory(c.code, confirmedPath));
  return {
    categoryCode: choice.categoryCode,
    requestType: choice.requestType,
    urgency: choice.urgency,
    requestId: choice.requestId ?? null,
    matchedRank: rank < 0 ? null : rank + 1,
    at,
    by,
  };
}
