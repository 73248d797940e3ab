import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Identity, ProblemError } from '@hotline/platform';
import { insertArticle, insertVersion, versionsOf } from './knowledge.repository';
import type { ArticleInput } from './knowledge.schemas';

/** A new article: version 1, sent for review (nothing is published unreviewed). */
export async function createArticle(manager: EntityManager, who: Identity, input: ArticleInput, now: Date = new Date()) {
  const id = randomUUID();
  await insertArticle(manager, who.tenantId, id, who.subject, now);
  await insertVersion(manager, who.tenantId, id, 1, input, who.subject, now);
  return { articleId: id, version: 1, status: 'in-review' as const };
}

/** A new version of an article, sent for review; the published one stays what agents find until it is approved. One in review at a time. */
export async function addArticleVersion(manager: EntityManager, who: Identity, articleId: string, input: ArticleInput, now: Date = new Date()) {
  const versions = await versionsOf(manager, articleId, true);
  if (!versions) throw ProblemError.notFound('article');
  const pending = versions.find((v) => v.status === 'in-review');
  if (pending)
    throw new ProblemError(409, 'version_in_review', 'Conflict', `version ${pending.version} is still in review`, [
      { field: 'id', message: `version ${pending.version} of this article is in review: review it first` },
    ]);
  const version = (versions[0]?.version ?? 0) + 1;
  await insertVersion(manager, who.tenantId, articleId, version, input, who.subject, now);
  return { articleId, version, status: 'in-review' as const };
}
