import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * The knowledge base (知识库): articles per tenant in versions, each reviewed before it is
 * published and due for review again after; full-text search over character bigrams (each
 * version's `search` tsvector, built by intake from title A, keywords B, content C, see
 * intake-domain knowledge.ts); the articles a direct answer was given from.
 *
 * The published versions' vectors are copied into kb_search_index, GIN-indexed and without
 * row-level security, on purpose (ADR 0016): under RLS the non-leakproof `@@` is evaluated
 * after the policy and the index is never used. Its queries name the tenant themselves and
 * return only keys joined to the RLS-protected versions.
 */
export class KnowledgeBase1764300004410 implements MigrationInterface {
  name = 'KnowledgeBase1764300004410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table kb_articles (
        id uuid primary key,
        tenant_id text not null,
        created_at timestamptz not null,
        created_by text not null
      )`);
    await q.query(`
      create table kb_article_versions (
        tenant_id text not null,
        article_id uuid not null references kb_articles (id),
        version int not null check (version >= 1),
        status text not null check (status in ('in-review', 'published', 'rejected', 'superseded')),
        category text not null,
        title text not null,
        content text not null,
        issuing_unit text not null,
        material_kind text not null check (material_kind in ('service-guide', 'law', 'hot-qa', 'daily-inquiry', 'notice', 'business-guide', 'approval')),
        source_document text,
        keywords text[] not null,
        valid_from date not null,
        valid_until date,
        review_due_on date,
        search tsvector not null,
        submitted_at timestamptz not null,
        submitted_by text not null,
        reviewed_at timestamptz,
        reviewed_by text,
        review_note text,
        primary key (article_id, version)
      )`);
    // One published version per article, and one published title per tenant (Xinyang: titles unique).
    await q.query(`create unique index kb_one_published on kb_article_versions (article_id) where status = 'published'`);
    await q.query(`create unique index kb_published_title on kb_article_versions (tenant_id, title) where status = 'published'`);
    await q.query(`create index kb_by_category on kb_article_versions (tenant_id, category) where status = 'published'`);
    await q.query(`create index kb_review_due on kb_article_versions (tenant_id, review_due_on) where status = 'published'`);
    await q.query(`create index kb_in_review on kb_article_versions (tenant_id, submitted_at) where status = 'in-review'`);
    await q.query(`
      create table request_answer_articles (
        tenant_id text not null,
        request_id uuid not null references requests (id),
        article_id uuid not null references kb_articles (id),
        version int not null,
        primary key (request_id, article_id)
      )`);
    await q.query(`
      create table kb_search_index (
        tenant_id text not null,
        article_id uuid primary key references kb_articles (id),
        version int not null,
        category text not null,
        valid_from date not null,
        valid_until date,
        search tsvector not null,
        foreign key (article_id, version) references kb_article_versions (article_id, version)
      )`);
    await q.query(`create index kb_search_index_search on kb_search_index using gin (search)`);
    await q.query(`create index kb_search_index_by_tenant on kb_search_index (tenant_id, category)`);
    for (const table of ['kb_articles', 'kb_article_versions', 'request_answer_articles'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['kb_search_index', 'request_answer_articles', 'kb_article_versions', 'kb_articles']) await q.query(`drop table ${table}`);
  }
}
