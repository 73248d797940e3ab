import { EntityManager } from 'typeorm';
import { reviewDueOn } from '@hotline/intake-domain';
import { Identity, ProblemError } from '@hotline/platform';
import { decideVersion, indexPublished, publishedTitleTaken, supersedePublished, versionsOf } from './knowledge.repository';
import type { ReviewInput } from './knowledge.schemas';

/**
 * A reviewer approves (published: what agents find from now on, the previous published version
 * superseded, due for review on the given day or half a year on) or rejects a version in review.
 * Four eyes: not the one who wrote it.
 */
export async function reviewArticleVersion(
  manager: EntityManager,
  who: Identity,
  articleId: string,
  version: number,
  input: ReviewInput,
  now: Date = new Date(),
) {
  const versions = await versionsOf(manager, articleId, true);
  const target = versions?.find((v) => v.version === version);
  if (!target) throw ProblemError.notFound('article version');
  if (target.status !== 'in-review')
    throw new ProblemError(409, 'not_in_review', 'Conflict', `version ${version} is ${target.status}`, [
      { field: 'version', message: `is ${target.status}, not in review` },
    ]);
  if (target.submittedBy === who.subject)
    throw new ProblemError(403, 'own_version', 'Forbidden', 'a version is reviewed by someone other than its author', [
      { field: 'version', message: 'written by you: another reviewer decides' },
    ]);
  const today = now.toISOString().slice(0, 10);
  if (input.decision === 'approve') {
    if (input.reviewDueOn !== undefined && input.reviewDueOn <= today)
      throw ProblemError.validation([{ field: 'reviewDueOn', message: 'must be after today' }]);
    if (await publishedTitleTaken(manager, target.title, articleId))
      throw new ProblemError(409, 'title_taken', 'Conflict', 'another published article has this title', [
        { field: 'title', message: `"${target.title}" is the title of another published article` },
      ]);
    await supersedePublished(manager, articleId);
  }
  const status = input.decision === 'approve' ? 'published' : 'rejected';
  const due = status === 'published' ? (input.reviewDueOn ?? reviewDueOn(today)) : null;
  await decideVersion(manager, articleId, version, { status, by: who.subject, at: now, note: input.note ?? null, reviewDueOn: due });
  if (status === 'published') await indexPublished(manager, articleId, version);
  return { articleId, version, status, reviewDueOn: due };
}

/** The same decision on each version, each in a savepoint: a refused one is reported and leaves the others decided. */
export async function reviewArticleVersions(
  manager: EntityManager,
  who: Identity,
  input: { decision: ReviewInput['decision']; note?: string; items: ReadonlyArray<{ articleId: string; version: number }> },
  now: Date = new Date(),
) {
  const decided: Array<{ articleId: string; version: number; status: string }> = [];
  const refused: Array<{ index: number; articleId: string; version: number; code: string; message: string }> = [];
  for (const [index, item] of input.items.entries()) {
    await manager.query('savepoint kb_review_item');
    try {
      const result = await reviewArticleVersion(manager, who, item.articleId, item.version, { decision: input.decision, note: input.note }, now);
      await manager.query('release savepoint kb_review_item');
      decided.push({ articleId: item.articleId, version: item.version, status: result.status });
    } catch (err) {
      await manager.query('rollback to savepoint kb_review_item');
      if (!(err instanceof ProblemError)) throw err;
      refused.push({ index, ...item, code: err.code, message: err.errors?.[0]?.message ?? err.detail ?? err.title });
    }
  }
  return { decided, refused };
}
