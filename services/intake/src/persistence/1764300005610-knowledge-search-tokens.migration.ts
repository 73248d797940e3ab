import { MigrationInterface, QueryRunner } from 'typeorm';
import { searchDocument } from '@hotline/intake-domain';
import { acrossTenants } from '@hotline/platform';

const BATCH = 500;

/**
 * The knowledge base's search vectors again, with the tokens searchTokens gives now: a Han
 * character ends a Latin word ("A市A3区" was one word, so the board's anonymised place names
 * made whole phrases unsearchable). Every version, and the published index rows copied from
 * them; recomputed in batches by the same function the service writes with.
 */
export class KnowledgeSearchTokens1764300005610 implements MigrationInterface {
  name = 'KnowledgeSearchTokens1764300005610';

  async up(q: QueryRunner): Promise<void> {
    await acrossTenants(q, ['kb_article_versions', 'kb_search_index'], async () => {
      for (let offset = 0; ; offset += BATCH) {
        const rows: Array<{ article_id: string; version: number; title: string; keywords: string[]; content: string }> = await q.query(
          `select article_id, version, title, keywords, content from kb_article_versions order by article_id, version limit $1 offset $2`,
          [BATCH, offset],
        );
        if (rows.length === 0) break;
        const docs = rows.map((r) => ({ id: r.article_id, v: r.version, a: searchDocument(r.title), b: searchDocument(r.keywords.join(' ')), c: searchDocument(r.content) }));
        await q.query(
          `update kb_article_versions v
              set search = setweight(to_tsvector('simple', d->>'a'), 'A') || setweight(to_tsvector('simple', d->>'b'), 'B') || setweight(to_tsvector('simple', d->>'c'), 'C')
             from jsonb_array_elements($1::jsonb) d
            where v.article_id = (d->>'id')::uuid and v.version = (d->>'v')::int`,
          [JSON.stringify(docs)],
        );
      }
      await q.query(`update kb_search_index i set search = v.search from kb_article_versions v where v.article_id = i.article_id and v.version = i.version`);
    });
  }

  /** The earlier tokens only lost matches: the new vectors stay, nothing is undone. */
  async down(): Promise<void> {
    return Promise.resolve();
  }
}
