import type { ArticleVersionRow } from './knowledge.repository';

export function toVersionView(v: ArticleVersionRow) {
  return {
    version: v.version,
    status: v.status,
    category: v.category,
    title: v.title,
    content: v.content,
    issuingUnit: v.issuingUnit,
    materialKind: v.materialKind,
    sourceDocument: v.sourceDocument,
    keywords: v.keywords,
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    reviewDueOn: v.reviewDueOn,
    submittedAt: v.submittedAt.toISOString(),
    submittedBy: v.submittedBy,
    reviewedAt: v.reviewedAt?.toISOString() ?? null,
    reviewedBy: v.reviewedBy,
    reviewNote: v.reviewNote,
  };
}

/** An article: the version agents find (if any) and every version, newest first. */
export function toArticleView(articleId: string, versions: readonly ArticleVersionRow[]) {
  const published = versions.find((v) => v.status === 'published');
  return { id: articleId, publishedVersion: published?.version ?? null, versions: versions.map(toVersionView) };
}
