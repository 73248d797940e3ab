import { EntityManager } from 'typeorm';
import { searchDocument } from '@hotline/intake-domain';
import type { KbVersionStatus } from '@hotline/vocabulary';
import type { ArticleInput } from './knowledge.schemas';

// Row-level security scopes these queries to the caller's tenant, except kb_search_index, which
// has none (ADR 0016): its queries name the tenant of the transaction themselves.
const OWN_TENANT = `current_setting('app.tenant_id', true)`;

export interface ArticleVersionRow {
  articleId: string;
  version: number;
  status: KbVersionStatus;
  category: string;
  title: string;
  content: string;
  issuingUnit: string;
  materialKind: string;
  sourceDocument: string | null;
  keywords: string[];
  validFrom: string;
  validUntil: string | null;
  reviewDueOn: string | null;
  submittedAt: Date;
  submittedBy: string;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

const COLUMNS = `article_id, version, status, category, title, content, issuing_unit, material_kind, source_document, keywords,
  to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_until, 'YYYY-MM-DD') as valid_until,
  to_char(review_due_on, 'YYYY-MM-DD') as review_due_on, submitted_at, submitted_by, reviewed_at, reviewed_by, review_note`;

function toRow(r: Record<string, unknown>): ArticleVersionRow {
  return {
    articleId: String(r.article_id),
    version: Number(r.version),
    status: r.status as KbVersionStatus,
    category: String(r.category),
    title: String(r.title),
    content: String(r.content),
    issuingUnit: String(r.issuing_unit),
    materialKind: String(r.material_kind),
    sourceDocument: (r.source_document as string | null) ?? null,
    keywords: r.keywords as string[],
    validFrom: String(r.valid_from),
    validUntil: (r.valid_until as string | null) ?? null,
    reviewDueOn: (r.review_due_on as string | null) ?? null,
    submittedAt: new Date(r.submitted_at as string),
    submittedBy: String(r.submitted_by),
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at as string) : null,
    reviewedBy: (r.reviewed_by as string | null) ?? null,
    reviewNote: (r.review_note as string | null) ?? null,
  };
}

export async function insertArticle(manager: EntityManager, tenantId: string, id: string, by: string, at: Date): Promise<void> {
  await manager.query(`insert into kb_articles (id, tenant_id, created_at, created_by) values ($1, $2, $3, $4)`, [id, tenantId, at, by]);
}

/** A version sent for review, its search document built from title (weight A), keywords (B) and content (C). */
export async function insertVersion(
  manager: EntityManager,
  tenantId: string,
  articleId: string,
  version: number,
  a: ArticleInput,
  by: string,
  at: Date,
): Promise<void> {
  await manager.query(
    `insert into kb_article_versions (tenant_id, article_id, version, status, category, title, content, issuing_unit, material_kind,
       source_document, keywords, valid_from, valid_until, search, submitted_at, submitted_by)
     values ($1, $2, $3, 'in-review', $4, $5, $6, $7, $8, $9, $10, $11, $12,
       setweight(to_tsvector('simple', $13), 'A') || setweight(to_tsvector('simple', $14), 'B') || setweight(to_tsvector('simple', $15), 'C'),
       $16, $17)`,
    [
      tenantId, articleId, version, a.category, a.title, a.content, a.issuingUnit, a.materialKind, a.sourceDocument ?? null, a.keywords,
      a.validFrom, a.validUntil ?? null, searchDocument(a.title), searchDocument(a.keywords.join(' ')), searchDocument(a.content), at, by,
    ],
  );
}

/** The article's versions, newest first, its row locked when `lock` (a review or a new version takes them one at a time). */
export async function versionsOf(manager: EntityManager, articleId: string, lock = false): Promise<ArticleVersionRow[] | undefined> {
  const [article] = await manager.query(`select id from kb_articles where id = $1 ${lock ? 'for update' : ''}`, [articleId]);
  if (!article) return undefined;
  const rows = await manager.query(`select ${COLUMNS} from kb_article_versions where article_id = $1 order by version desc`, [articleId]);
  return rows.map(toRow);
}

/** Another article's published version with this title (titles are unique among published ones). */
export async function publishedTitleTaken(manager: EntityManager, title: string, articleId: string): Promise<boolean> {
  const rows = await manager.query(`select 1 from kb_article_versions where status = 'published' and title = $1 and article_id <> $2`, [title, articleId]);
  return rows.length > 0;
}

export async function supersedePublished(manager: EntityManager, articleId: string): Promise<void> {
  await manager.query(`delete from kb_search_index where article_id = $1 and tenant_id = ${OWN_TENANT}`, [articleId]);
  await manager.query(`update kb_article_versions set status = 'superseded' where article_id = $1 and status = 'published'`, [articleId]);
}

/** The version agents find from now on: its vector into the search index. */
export async function indexPublished(manager: EntityManager, articleId: string, version: number): Promise<void> {
  await manager.query(
    `insert into kb_search_index (tenant_id, article_id, version, category, valid_from, valid_until, search)
     select tenant_id, article_id, version, category, valid_from, valid_until, search
       from kb_article_versions where article_id = $1 and version = $2 and status = 'published'`,
    [articleId, version],
  );
}

export async function decideVersion(
  manager: EntityManager,
  articleId: string,
  version: number,
  decision: { status: 'published' | 'rejected'; by: string; at: Date; note: string | null; reviewDueOn: string | null },
): Promise<void> {
  await manager.query(
    `update kb_article_versions set status = $3, reviewed_by = $4, reviewed_at = $5, review_note = $6, review_due_on = $7
      where article_id = $1 and version = $2`,
    [articleId, version, decision.status, decision.by, decision.at, decision.note, decision.reviewDueOn],
  );
}

export interface SearchHit {
  articleId: string;
  version: number;
  title: string;
  category: string;
  issuingUnit: string;
  materialKind: string;
  validFrom: string;
  validUntil: string | null;
  excerpt: string;
  rank: number;
}

/**
 * Published versions valid on the day, matching the tsquery, best ranked first (ts_rank_cd,
 * normalised by document length so long texts do not win by size alone), in the category or
 * below it when one is given.
 */
export async function searchPublished(
  manager: EntityManager,
  query: string,
  filter: { validOn: string; category?: string; limit: number },
): Promise<SearchHit[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `with hits as (
       select article_id, version, ts_rank_cd(search, q, 1) as rank
         from kb_search_index, to_tsquery('simple', $1) q
        where tenant_id = ${OWN_TENANT} and search @@ q and valid_from <= $2 and (valid_until is null or valid_until >= $2)
          and ($3::text is null or category = $3 or left(category, length($3) + 1) = $3 || '/')
        order by rank desc
        limit $4
     )
     select v.article_id, v.version, v.title, v.category, v.issuing_unit, v.material_kind, to_char(v.valid_from, 'YYYY-MM-DD') as valid_from,
            to_char(v.valid_until, 'YYYY-MM-DD') as valid_until, left(v.content, 160) as excerpt, h.rank
       from hits h join kb_article_versions v on v.article_id = h.article_id and v.version = h.version and v.status = 'published'
      order by h.rank desc, v.title`,
    [query, filter.validOn, filter.category ?? null, filter.limit],
  );
  return rows.map((r) => ({
    articleId: String(r.article_id),
    version: Number(r.version),
    title: String(r.title),
    category: String(r.category),
    issuingUnit: String(r.issuing_unit),
    materialKind: String(r.material_kind),
    validFrom: String(r.valid_from),
    validUntil: (r.valid_until as string | null) ?? null,
    excerpt: String(r.excerpt),
    rank: Number(r.rank),
  }));
}

/** The published versions of these articles, valid on the day: what a direct answer may cite. */
export async function publishedValid(manager: EntityManager, articleIds: readonly string[], validOn: string): Promise<Array<{ articleId: string; version: number }>> {
  const rows: Array<{ article_id: string; version: number }> = await manager.query(
    `select article_id, version from kb_article_versions
      where article_id = any($1::uuid[]) and status = 'published' and valid_from <= $2 and (valid_until is null or valid_until >= $2)`,
    [articleIds, validOn],
  );
  return rows.map((r) => ({ articleId: r.article_id, version: Number(r.version) }));
}

export async function linkAnswerArticles(manager: EntityManager, tenantId: string, requestId: string, articles: ReadonlyArray<{ articleId: string; version: number }>) {
  for (const a of articles)
    await manager.query(`insert into request_answer_articles (tenant_id, request_id, article_id, version) values ($1, $2, $3, $4)`, [
      tenantId,
      requestId,
      a.articleId,
      a.version,
    ]);
}

/** The articles a direct answer was given from, with the version's title as it was then. */
export async function answerArticlesOf(manager: EntityManager, requestId: string): Promise<Array<{ articleId: string; version: number; title: string }>> {
  const rows: Array<{ article_id: string; version: number; title: string }> = await manager.query(
    `select l.article_id, l.version, v.title from request_answer_articles l
       join kb_article_versions v on v.article_id = l.article_id and v.version = l.version
      where l.request_id = $1 order by v.title`,
    [requestId],
  );
  return rows.map((r) => ({ articleId: r.article_id, version: Number(r.version), title: r.title }));
}

/** Versions newest first (a reviewer's queue with status in-review), with the total. */
export async function listVersions(manager: EntityManager, query: { status?: KbVersionStatus; limit: number; offset: number }) {
  const where = query.status ? `where status = $3` : '';
  const params = query.status ? [query.limit, query.offset, query.status] : [query.limit, query.offset];
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select ${COLUMNS}, count(*) over () as total from kb_article_versions ${where} order by submitted_at desc, article_id, version desc limit $1 offset $2`,
    params,
  );
  return { items: rows.map(toRow), total: rows.length > 0 ? Number(rows[0]?.total) : 0 };
}
