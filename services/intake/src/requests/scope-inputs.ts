import { EntityManager } from 'typeorm';
import type { ScopeInput } from '@hotline/intake-domain';
import { FieldError, ProblemError } from '@hotline/platform';
import type { StoredSuggestion } from '../classification/classification.repository';
import { suggestionToConfirm } from '../classification/suggestion-at-registration';
import { masterOfRepeat } from '../duplicates/merge-repeat';
import { answerArticlesFor } from '../knowledge/answer-articles';
import { terminatedMatterOf } from '../terminations/terminated-matter';
import { classify, Classification } from './new-request';

/** What a scope decision names beside the decision itself, as an agent enters it. */
export interface ScopeInputs {
  categoryCode: string;
  scope: ScopeInput;
  duplicateOf?: string;
  answerArticles?: string[];
  classificationSuggestionId?: string;
}

export interface CheckedScopeInputs {
  classification: Classification;
  /** 并单: the open master, locked. */
  master?: { id: string; number: string };
  /** 直接办理: the published articles the answer was given from. */
  articles: Array<{ articleId: string; version: number }>;
  /** terminated-matter: the scope as recorded, the termination's legal route as its reason. */
  scope: ScopeInput;
  terminated?: { id: string; number: string };
  /** The suggestion the agent was shown, locked and without an outcome yet. */
  suggestion?: StoredSuggestion;
}

/**
 * The checks every scope decision passes, at registration and on an online submission alike:
 * a category of the latest taxonomy, an open master for a repeat, published articles for a direct
 * answer, an approved termination for a terminated matter, a classification suggestion still
 * without an outcome. Every failing field in one 400.
 */
export async function checkScopeInputs(manager: EntityManager, input: ScopeInputs, now: Date, errors: FieldError[] = []): Promise<CheckedScopeInputs> {
  const classification = await classify(manager, input.categoryCode);
  if (!classification) errors.push({ field: 'categoryCode', message: `unknown category "${input.categoryCode}" in the latest taxonomy` });
  const { decision } = input.scope;
  const master = input.duplicateOf === undefined ? undefined : await masterOfRepeat(manager, input.duplicateOf, decision, errors);
  const articles = input.answerArticles === undefined ? [] : await answerArticlesFor(manager, input.answerArticles, decision, now, errors);
  const terminated = input.scope.terminatedRequestId === undefined ? undefined : await terminatedMatterOf(manager, input.scope.terminatedRequestId, errors);
  const suggestion = input.classificationSuggestionId === undefined ? undefined : await suggestionToConfirm(manager, input.classificationSuggestionId, errors);
  if (errors.length > 0 || !classification) throw ProblemError.validation(errors);
  return {
    classification,
    master,
    articles,
    scope: terminated ? { decision, reason: terminated.legalRoute } : input.scope,
    terminated: terminated && { id: terminated.id, number: terminated.number },
    suggestion,
  };
}
