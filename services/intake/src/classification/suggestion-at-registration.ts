import { EntityManager } from 'typeorm';
import type { FieldError } from '@hotline/platform';
import { lockSuggestion, recordOutcome, StoredSuggestion } from './classification.repository';
import { outcomeOf } from './record-outcome.command';

/**
 * A registration (or an online decision) that names the suggestion the agent was shown records
 * the agent's choice against it in its own transaction, so the measure of the suggestions
 * (GET /v1/classification/quality) never misses a request because a second call was lost.
 * The suggestion must exist and still be without an outcome: an outcome belongs to one request.
 */
export async function suggestionToConfirm(manager: EntityManager, id: string, errors: FieldError[]): Promise<StoredSuggestion | undefined> {
  const suggestion = await lockSuggestion(manager, id);
  if (!suggestion) errors.push({ field: 'classificationSuggestionId', message: 'no classification suggestion of this hotline has this id' });
  else if (suggestion.outcome)
    errors.push({ field: 'classificationSuggestionId', message: `the suggestion has an outcome already (request ${suggestion.outcome.requestId ?? 'none'})` });
  return suggestion && !suggestion.outcome ? suggestion : undefined;
}

/** Records the registered request's type, urgency and category as the suggestion's outcome. */
export async function confirmSuggestion(
  manager: EntityManager,
  suggestion: StoredSuggestion,
  choice: { categoryCode: string; requestType: string; urgency: string },
  categoryPath: readonly string[],
  requestId: string,
  by: string,
  at: Date,
): Promise<void> {
  await recordOutcome(manager, suggestion.id, outcomeOf(suggestion, { ...choice, requestId }, categoryPath, by, at));
}
