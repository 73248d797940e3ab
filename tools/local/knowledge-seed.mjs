// Seeds a tenant's knowledge base (知识库) from the official replies of a citizen message board
// (../shared/data/messages-with-replies.csv, read from there, never copied): each message with
// a title of its own becomes an article (its title, the reply as content, valid from the reply's
// day), imported by a supervisor and approved by a reviewer through intake's API. Idempotent:
// a tenant that has articles already is left as it is. A demo tenant gets the first DEMO_ARTICLES.
import { existsSync, readFileSync } from 'node:fs';
import { parseCsv } from './csv.mjs';

// Rows per import: well under the import's body limit with replies of several thousand characters.
const BATCH = 250;

/** The articles of the replies file, one per title that occurs once (a repeated title is a re-posting). */
export function replyArticles(dataDir) {
  const file = `${dataDir}/messages-with-replies.csv`;
  if (!existsSync(file)) return undefined;
  const rows = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.title.trim() && r.reply.trim());
  const count = new Map();
  for (const r of rows) count.set(r.title.trim(), (count.get(r.title.trim()) ?? 0) + 1);
  return rows
    .filter((r) => count.get(r.title.trim()) === 1 && Array.from(r.title.trim()).length <= 128)
    .map((r) => ({
      messageId: r.id,
      body: r.body,
      article: {
        category: '网络问政/留言答复',
        title: r.title.trim(),
        content: Array.from(r.reply.trim()).slice(0, 20000).join(''),
        issuingUnit: '问政平台答复单位',
        materialKind: 'daily-inquiry',
        sourceDocument: `问政平台留言 ${r.id} 的答复`,
        keywords: ['留言答复'],
        validFrom: r.reply_at.slice(0, 10),
      },
    }));
}

async function call(url, method, token, body) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * The articles a demo tenant gets at start: enough to answer from and to try the search, few
 * enough that the start (and every suite that starts the platform) stays quick. The
 * benchmark (bench/knowledge/search.ts) seeds them all.
 */
export const DEMO_ARTICLES = 50;

/** Imports and approves the replies' articles (the first `limit`); returns each message id with its article id (for quality measurements). */
export async function seedKnowledgeBase(intakeUrl, tokens, dataDir, log, limit = DEMO_ARTICLES) {
  const entries = replyArticles(dataDir)?.slice(0, limit);
  if (!entries) {
    log(`no ${dataDir}/messages-with-replies.csv: the knowledge base stays empty`);
    return [];
  }
  const existing = await call(`${intakeUrl}/v1/knowledge/articles?limit=1`, 'GET', tokens.supervisor);
  if (existing.total > 0) return [];
  const seeded = [];
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    const report = await call(`${intakeUrl}/v1/knowledge/imports`, 'POST', tokens.supervisor, { format: 'json', articles: batch.map((e) => e.article) });
    const items = report.created.map((c) => ({ articleId: c.articleId, version: 1 }));
    if (items.length > 0) await call(`${intakeUrl}/v1/knowledge/reviews`, 'POST', tokens.reviewer, { decision: 'approve', items });
    for (const c of report.created) seeded.push({ messageId: batch[c.row - 1].messageId, body: batch[c.row - 1].body, articleId: c.articleId });
  }
  log(`knowledge base: ${seeded.length} articles from the official replies`);
  return seeded;
}
