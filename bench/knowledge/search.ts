// Knowledge-base retrieval quality and search latency on the real intake.
// 1. Quality: the demo seed (tools/local/knowledge-seed.mjs) turns the official replies of
//    ../shared/data/messages-with-replies.csv into articles (title of the message, the reply as
//    content); each message's own words (the first 40 characters of its body, as a citizen says
//    it to an agent) are a query whose right answer is the article of its reply: recall@1/@5.
// 2. Latency: a tenant of 100,000 published articles (the replies' texts cut and numbered to
//    vary), searched at the server (the query functions in one tenant transaction, no HTTP) with
//    p50/p99, beside a plain `LIKE '%…%'` scan of the same articles in the same run.
//   node tools/build.mjs && node dist/bench/knowledge/search.js [ARTICLES]
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { searchDocument } from '@hotline/intake-domain';
import { signLocalToken } from '@hotline/platform';
import { startServiceUnderTest } from '@hotline/service-testing';
import { TEST_AUTH_SECRET } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { searchArticles, suggestArticles } from '../../services/intake/src/knowledge/search-articles.query';
import { intakeService } from '../../services/intake/src/intake.service';

const ROOT = join(__dirname, '../../..');
const DATA = join(ROOT, '../shared/data');
const ARTICLES = Number(process.argv[2] ?? 100_000);
const QUERIES = 200;

interface Seeded {
  messageId: string;
  body: string;
  articleId: string;
}

const quantile = (sorted: number[], q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN).toFixed(2);

async function main() {
  const sut = await startServiceUnderTest(intakeService, { env: { RATE_LIMIT_PER_MINUTE: '1000000', TENANT_RATE_LIMIT_PER_MINUTE: '10000000' } });
  try {
    const T = 'city-kb';
    const token = async (subject: string, roles: Role[]) => {
      await sut.token(T, roles);
      return signLocalToken(TEST_AUTH_SECRET, { tenantId: T, roles, subject });
    };
    const tokens = { supervisor: await token('kb-admin', ['supervisor']), reviewer: await token('kb-reviewer', ['reviewer']) };
    const agent = await token('agent', ['agent']);
    const seedModule = (await import(join(ROOT, 'tools/local/knowledge-seed.mjs'))) as {
      seedKnowledgeBase(url: string, tokens: Record<string, string>, dataDir: string, log: (s: string) => void, limit: number): Promise<Seeded[]>;
    };
    const seeded = await seedModule.seedKnowledgeBase(sut.service.httpUrl, tokens, DATA, (s) => console.log(s), Number.MAX_SAFE_INTEGER);

    // Every ninth message: a sample of about 300 queries across the whole file.
    const sample = seeded.filter((_, i) => i % 9 === 0);
    let at1 = 0;
    let at5 = 0;
    for (const s of sample) {
      const q = Array.from(s.body).slice(0, 40).join('');
      const res = await sut.request('GET', `/v1/knowledge/search?limit=5&q=${encodeURIComponent(q)}`, agent);
      const ids: string[] = res.body.items.map((h: { articleId: string }) => h.articleId);
      if (ids[0] === s.articleId) at1++;
      if (ids.includes(s.articleId)) at5++;
    }
    const pct = (n: number) => `${((100 * n) / sample.length).toFixed(1)} %`;
    console.log(`retrieval on ${sample.length} queries of ${seeded.length} articles (a message's first 40 characters → the article of its official reply)`);
    console.log(`  recall@1 ${pct(at1)}   recall@5 ${pct(at5)}`);

    // A large tenant, written straight into the tables the API writes (published, indexed).
    const L = 'city-kl';
    await sut.token(L, ['agent']);
    const texts = seeded.length > 0 ? seeded.map((s) => s.body) : ['住房公积金提取办理指南'];
    const ds = sut.service.context.dataSource;
    const started = performance.now();
    for (let i = 0; i < ARTICLES; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, ARTICLES - i) }, (_, j) => {
        const n = i + j;
        const text = Array.from(texts[n % texts.length] ?? '').slice((n * 7) % 40, ((n * 7) % 40) + 200).join('');
        return { id: randomUUID(), title: `${Array.from(text).slice(0, 20).join('')} ${n}`, content: text, category: `类目${n % 50}/子类${n % 7}` };
      });
      await ds.transaction(async (m) => {
        await m.query(`select set_config('app.tenant_id', $1, true)`, [L]);
        const json = JSON.stringify(rows.map((r) => ({ ...r, doc_a: searchDocument(r.title), doc_c: searchDocument(r.content) })));
        await m.query(`insert into kb_articles (id, tenant_id, created_at, created_by) select (x->>'id')::uuid, $1, now(), 'bench' from jsonb_array_elements($2::jsonb) x`, [L, json]);
        await m.query(
          `insert into kb_article_versions (tenant_id, article_id, version, status, category, title, content, issuing_unit, material_kind, keywords,
             valid_from, search, submitted_at, submitted_by, reviewed_at, reviewed_by, review_due_on)
           select $1, (x->>'id')::uuid, 1, 'published', x->>'category', x->>'title', x->>'content', '单位', 'daily-inquiry', array['基准'],
             '2020-01-01', setweight(to_tsvector('simple', x->>'doc_a'), 'A') || setweight(to_tsvector('simple', x->>'doc_c'), 'C'),
             now(), 'bench', now(), 'bench-reviewer', '2099-01-01'
             from jsonb_array_elements($2::jsonb) x`,
          [L, json],
        );
        await m.query(
          `insert into kb_search_index (tenant_id, article_id, version, category, valid_from, valid_until, search)
           select tenant_id, article_id, version, category, valid_from, valid_until, search from kb_article_versions
            where article_id in (select (x->>'id')::uuid from jsonb_array_elements($1::jsonb) x)`,
          [json],
        );
      });
    }
    await ds.query(`analyze kb_search_index`);
    await ds.query(`analyze kb_article_versions`);
    console.log(`\n${ARTICLES} published articles written in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    // Eight characters of the texts that hold four Han characters at least (a query of punctuation is refused).
    const queries = Array.from({ length: QUERIES * 3 }, (_, i) => Array.from(texts[(i * 13) % texts.length] ?? '').slice(5, 13).join(''))
      .filter((q) => (q.match(/\p{Script=Han}/gu) ?? []).length >= 4)
      .slice(0, QUERIES);
    const time = async (work: (q: string) => Promise<unknown>) => {
      const ms: number[] = [];
      for (const q of queries.slice(0, 10)) await work(q);
      for (const q of queries) {
        const t0 = performance.now();
        await work(q);
        ms.push(performance.now() - t0);
      }
      return ms.sort((a, b) => a - b);
    };
    const inTenant = <R>(work: (m: import('typeorm').EntityManager) => Promise<R>) => sut.service.context.db.read(L, work);
    const search = await time((q) => inTenant((m) => searchArticles(m, { q, limit: 10 })));
    const suggest = await time((q) => inTenant((m) => suggestArticles(m, Array.from(q).slice(0, 4).join(''))));
    const like = await time((q) =>
      inTenant((m) =>
        m.query(`select article_id from kb_article_versions where status = 'published' and (title like $1 or content like $1) limit 10`, [`%${q}%`]),
      ),
    );
    console.log(`search over ${ARTICLES} articles (${QUERIES} queries of 8 characters, at the server)`);
    console.log(`  ranked search (bigram FTS, GIN)    p50 ${quantile(search, 0.5)} ms   p99 ${quantile(search, 0.99)} ms`);
    console.log(`  suggestions (top 5, 4 characters)  p50 ${quantile(suggest, 0.5)} ms   p99 ${quantile(suggest, 0.99)} ms`);
    console.log(`  plain LIKE '%…%' scan (baseline)   p50 ${quantile(like, 0.5)} ms   p99 ${quantile(like, 0.99)} ms`);
  } finally {
    await sut.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
