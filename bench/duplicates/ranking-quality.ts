// Precision and recall of intake's duplicate candidates on a labelled set built from real
// re-postings: in ../shared/data/messages-with-likes.csv a citizen board's messages that carry
// the same title are the same matter posted again (README: "some titles repeat (the same
// citizen re-posting)"); 56 of the 104 groups have bodies that differ. Every message is
// registered through intake's API in time order with its body only (the title, which makes
// the label, is never shown to intake); then each later posting of a group asks for its
// candidates and the earlier postings of its group are the right answers. Run twice: with a
// phone derived from the board's user id (the requester signal), and anonymous (text alone).
//   node tools/build.mjs && node dist/bench/duplicates/ranking-quality.js
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvTable } from '@hotline/classify';
import { startServiceUnderTest } from '@hotline/service-testing';
import { intakeService } from '../../services/intake/src/intake.service';

const FILE = join(__dirname, '../../..', '../shared/data/messages-with-likes.csv');
const K = 5;

interface Message {
  id: string;
  userId: string;
  title: string;
  body: string;
  createdAt: string;
}

function messages(): Message[] {
  const { header, rows } = parseCsvTable(readFileSync(FILE, 'utf8'));
  const cell = (r: string[], name: string) => (r[header.indexOf(name)] ?? '').trim();
  return rows
    .map((r) => ({ id: cell(r, 'id'), userId: cell(r, 'user_id'), title: cell(r, 'title'), body: cell(r, 'body'), createdAt: cell(r, 'created_at') }))
    .filter((m) => m.body.length > 0)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** A mobile number per board user: the same user, the same phone (as the hotline would see a caller again). */
function phoneOf(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `139${String(h % 100_000_000).padStart(8, '0')}`;
}

async function main() {
  const all = messages();
  const byTitle = new Map<string, Message[]>();
  for (const m of all) byTitle.set(m.title, [...(byTitle.get(m.title) ?? []), m]);
  const groups = [...byTitle.values()].filter((g) => g.length > 1);
  const groupOf = new Map<string, Message[]>();
  for (const g of groups) for (const m of g) groupOf.set(m.id, g);
  const queries = groups.flatMap((g) => g.slice(1));
  const pairs = groups.reduce((n, g) => n + (g.length * (g.length - 1)) / 2, 0);
  console.log(`${all.length} messages, ${groups.length} repeated-title groups, ${queries.length} later postings, ${pairs} labelled pairs`);

  const sut = await startServiceUnderTest(intakeService, { env: { RATE_LIMIT_PER_MINUTE: '1000000', TENANT_RATE_LIMIT_PER_MINUTE: '10000000' } });
  try {
    for (const [tenant, withPhone] of [['city-a', true], ['city-b', false]] as const) {
      const admin = sut.as(tenant, ['tenant-admin']);
      await admin('POST', '/v1/channels', { code: 'web', name: '网上诉求平台', kind: 'web' });
      await admin('PUT', '/v1/categories', { categories: [{ code: '01', name: '城乡建设', level: 1 }] });
      const agent = sut.as(tenant, ['agent']);
      const requestOf = new Map<string, string>();
      const messageOf = new Map<string, string>();
      for (const m of all) {
        const res = await agent('POST', '/v1/requests', {
          channel: 'web',
          requester: withPhone ? { name: '网友', phone: phoneOf(m.userId) } : { anonymous: true },
          content: Array.from(m.body).slice(0, 4000).join(''),
          areaCode: '430100',
          requestType: 'complaint',
          urgency: 'normal',
          categoryCode: '01',
          scope: { decision: 'in-scope' },
        });
        if (res.status !== 201) throw new Error(`message ${m.id}: ${res.status} ${JSON.stringify(res.body)}`);
        requestOf.set(m.id, res.body.id);
        messageOf.set(res.body.id, m.id);
      }
      let top1 = 0;
      let hitAtK = 0;
      let returned = 0;
      let returnedRight = 0;
      let foundPairs = 0;
      const latencies: number[] = [];
      for (const q of queries) {
        const group = groupOf.get(q.id) ?? [];
        const earlier = new Set(group.slice(0, group.indexOf(q)).map((m) => m.id));
        const started = performance.now();
        const res = await agent('GET', `/v1/requests/${requestOf.get(q.id)}/duplicate-candidates`);
        latencies.push(performance.now() - started);
        const ranked: string[] = res.body.items.map((c: { requestId: string }) => messageOf.get(c.requestId));
        if (ranked[0] && earlier.has(ranked[0])) top1++;
        if (ranked.slice(0, K).some((id) => earlier.has(id))) hitAtK++;
        returned += ranked.length;
        const right = ranked.filter((id) => earlier.has(id)).length;
        returnedRight += right;
        foundPairs += right;
      }
      latencies.sort((a, b) => a - b);
      const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;
      console.log(`\n${withPhone ? 'requester phone + text' : 'text only (anonymous)'}:`);
      console.log(`  precision@1            ${pct(top1, queries.length)}  (${top1}/${queries.length} later postings: the first candidate is an earlier posting of the same matter)`);
      console.log(`  recall@${K}               ${pct(hitAtK, queries.length)}  (an earlier posting among the first ${K})`);
      console.log(`  candidate precision    ${pct(returnedRight, returned)}  (${returnedRight}/${returned} candidates shown are labelled repeats; unlabelled real repeats count as wrong)`);
      console.log(`  pair recall            ${pct(foundPairs, pairs)}  (${foundPairs}/${pairs} labelled pairs shown)`);
      const at = (q: number) => (latencies[Math.floor(latencies.length * q)] ?? NaN).toFixed(1);
      console.log(`  candidate query (HTTP)  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms over ${all.length} requests`);
    }
  } finally {
    await sut.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
