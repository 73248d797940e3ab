import { EntityManager } from 'typeorm';
import { searchQuery } from '@hotline/intake-domain';
import { ProblemError } from '@hotline/platform';
import { listVersions, searchPublished, SearchHit, versionsOf } from './knowledge.repository';
import type { ListArticles, SearchInput } from './knowledge.schemas';
import { toArticleView, toVersionView } from './knowledge.views';

const SUGGESTIONS = 5;

function noTokens(field: string): ProblemError {
  return ProblemError.validation([{ field, message: 'must contain letters, digits or Chinese characters' }]);
}

/**
 * Ranked search of the published, valid articles: those with every bigram of the query first,
 * then, if they are fewer than asked, those with any (ranked by how much they share).
 */
export async function searchArticles(manager: EntityManager, input: SearchInput, now: Date = new Date()) {
  const all = searchQuery(input.q, 'all');
  const any = searchQuery(input.q, 'any');
  if (!all || !any) throw noTokens('q');
  const filter = { validOn: input.validOn ?? now.toISOString().slice(0, 10), category: input.category, limit: input.limit };
  const hits: SearchHit[] = await searchPublished(manager, all, filter);
  if (hits.length < input.limit && any !== all) {
    const seen = new Set(hits.map((h) => h.articleId));
    for (const h of await searchPublished(manager, any, filter)) if (!seen.has(h.articleId) && hits.length < input.limit) hits.push(h);
  }
  return { items: hits };
}

/** While the agent types: the five best published, valid articles having every bigram typed so far. */
export async function suggestArticles(manager: EntityManager, q: string, now: Date = new Date()) {
  const all = searchQuery(q, 'all');
  if (!all) throw noTokens('q');
  const hits = await searchPublished(manager, all, { validOn: now.toISOString().slice(0, 10), limit: SUGGESTIONS });
  return { items: hits.map((h) => ({ articleId: h.articleId, version: h.version, title: h.title, category: h.category })) };
}

export async function getArticle(manager: EntityManager, articleId: string) {
  const versions = await versionsOf(manager, articleId);
  if (!versions) throw ProblemError.notFound('article');
  return toArticleView(articleId, versions);
}

/** Article versions, newest first, without their content: the review queue (status in-review) and the catalogue. */
export async function listArticleVersions(manager: EntityManager, query: ListArticles) {
  const { items, total } = await listVersions(manager, query);
  return {
    items: items.map((v) => {
      const { content: _content, ...rest } = toVersionView(v);
      return { articleId: v.articleId, ...rest };
    }),
    total,
  };
}
