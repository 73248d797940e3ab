import { EntityManager } from 'typeorm';
import type { FieldError } from '@hotline/platform';
import type { ScopeDecision } from '@hotline/vocabulary';
import { publishedValid } from './knowledge.repository';

/**
 * The published versions a direct answer (直接办理) is given from, checked: only a direct answer
 * cites articles, and each must be published and valid today. What is wrong goes to `errors`.
 */
export async function answerArticlesFor(
  manager: EntityManager,
  articleIds: readonly string[],
  decision: ScopeDecision,
  now: Date,
  errors: FieldError[],
): Promise<Array<{ articleId: string; version: number }>> {
  if (decision !== 'direct-answer') {
    errors.push({ field: 'answerArticles', message: `only a direct answer cites articles, not decision "${decision}"` });
    return [];
  }
  const found = await publishedValid(manager, articleIds, now.toISOString().slice(0, 10));
  articleIds.forEach((id, i) => {
    if (!found.some((f) => f.articleId === id)) errors.push({ field: `answerArticles.${i}`, message: 'no published article valid today' });
  });
  return found;
}
