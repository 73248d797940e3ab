// Duplicate candidate search (issue 14) over a tenant of 1,000,000 requests on the real intake:
// the candidates of a contact being entered (same requester by keyed hash, same address, similar
// text by trigram similarity under a GIN index, within the tenant's 30-day window), timed at the
// server (the query functions in one tenant transaction, no HTTP) with p50/p99, beside a plain
// `LIKE '%…%'` scan of the same requests' texts for a piece of the probe in the same run.
//   node tools/build.mjs && node dist/bench/duplicates/candidate-search.js [REQUESTS] [PROBES]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvTable } from '@hotline/classify';
import { DEFAULT_DUPLICATE_POLICY } from '@hotline/intake-domain';
import { startServiceUnderTest } from '@hotline/service-testing';
import { candidatesForDraft } from '../../services/intake/src/duplicates/find-duplicate-candidates.query';
import { RequesterMatchKeys } from '../../services/intake/src/duplicates/requester-match-keys';
import { intakeService } from '../../services/intake/src/intake.service';
import { pgbenchOnServer } from '../baseline';

const FILE = join(__dirname, '../../..', '../shared/data/messages-labelled-train.csv');
const REQUESTS = Number(process.argv[2] ?? 1_000_000);
const PROBES = Number(process.argv[3] ?? 200);
const LIKE_SCANS = 10;
const T = 'city-dup';
const AREAS = ['320102', '320104', '320105', '320106', '320111', '320113'];

const quantile = (sorted: number[], q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN).toFixed(1);
const timed = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const value = await work();
  return [performance.now() - t0, value];
};

async function main() {
  const { header, rows } = parseCsvTable(readFileSync(FILE, 'utf8'));
  const cell = (r: string[], name: string) => (r[header.indexOf(name)] ?? '').trim();
  const texts = rows.map((r) => ({ title: cell(r, 'title'), body: cell(r, 'body').slice(0, 400) })).filter((t) => t.title && t.body.length > 20);
  const sut = await startServiceUnderTest(intakeService, { env: { RATE_LIMIT_PER_MINUTE: '1000000', TENANT_RATE_LIMIT_PER_MINUTE: '10000000' } });
  try {
    const admin = sut.as(T, ['tenant-admin']);
    await admin('POST', '/v1/channels', { code: 'phone', name: '12345 热线电话', kind: 'phone' });
    await admin('PUT', '/v1/categories', { categories: [{ code: '01', name: '城乡建设', level: 1 }] });
    const agent = sut.as(T, ['agent']);
    const template = await agent('POST', '/v1/requests', {
      channel: 'phone', requester: { name: '压测用户', phone: '13900000000' }, content: texts[0]?.body ?? '小区电梯停运三天无人维修', areaCode: '320102',
      requestType: 'complaint', urgency: 'normal', categoryCode: '01', scope: { decision: 'in-scope' },
    });
    if (template.status !== 201) throw new Error(`template: ${template.status} ${JSON.stringify(template.body)}`);
    const keys = new RequesterMatchKeys(sut.service.context.serviceConfig);
    const now = Date.now();
    const phoneOf = (i: number) => `139${String(i % 200_000).padStart(8, '0')}`;

    // Cloned from the template in SQL, a year of requests (so the 30-day window holds a twelfth),
    // a requester of 200,000 per row and the board's texts varied by a number, in batches.
    const t0 = performance.now();
    // A bulk load: the trigram index is built once after it, as an import would (row by row it
    // costs ten times more); the query then runs on the same index the service keeps.
    await sut.service.context.dataSource.query(`drop index request_match_texts_trgm`);
    const BATCH = 100_000;
    for (let from = 1; from <= REQUESTS; from += BATCH) {
      const to = Math.min(REQUESTS, from + BATCH - 1);
      const n = to - from + 1;
      const idx = Array.from({ length: n }, (_, k) => from + k);
      await sut.service.context.db.run(T, async (m) => {
        await m.query(
          `with src as (
             select g.i, $3::text[] as titles, $4::text[] as bodies, $5::text[] as requester_keys, $6::text[] as areas
               from unnest($2::int[]) as g(i)
           ), fresh as (
             insert into requests (id, tenant_id, number, access_code_hash, channel, request_type, urgency, category_code, taxonomy_version,
                                   area_code, title, content, scope_decision, status, status_version, status_changed_at, received_at,
                                   anonymous, confidential, requester_name_enc, requester_phone_enc, created_by, requester_key, free_text_sealed)
             select gen_random_uuid(), r.tenant_id, 'B-' || s.i, r.access_code_hash, r.channel, r.request_type, r.urgency, r.category_code,
                    r.taxonomy_version, s.areas[1 + s.i % array_length(s.areas, 1)],
                    s.titles[1 + s.i % array_length(s.titles, 1)],
                    s.bodies[1 + s.i % array_length(s.bodies, 1)] || ' 编号' || s.i,
                    r.scope_decision, r.status, 1, r.status_changed_at,
                    now() - (s.i % 365) * interval '1 day' - (s.i % 86400) * interval '1 second',
                    false, false, r.requester_name_enc, r.requester_phone_enc, r.created_by,
                    s.requester_keys[1 + (s.i - $7) % array_length(s.requester_keys, 1)], true
               from src s cross join (select * from requests where id = $1) r
             returning id, tenant_id, received_at, title, content
           )
           insert into request_match_texts (request_id, tenant_id, received_at, match_text)
           select id, tenant_id, received_at, left(title || ' ' || content, 400) from fresh`,
          [
            template.body.id,
            idx,
            texts.map((t) => t.title),
            texts.map((t) => t.body),
            idx.map((i) => keys.phoneKey(T, phoneOf(i))),
            AREAS,
            from,
          ],
        );
      });
      process.stdout.write(`  seeded ${to.toLocaleString('en')} requests\r`);
    }
    await sut.service.context.dataSource.query(`create index request_match_texts_trgm on request_match_texts using gin (match_text gin_trgm_ops)`);
    await sut.service.context.dataSource.query('analyze requests; analyze request_match_texts');
    const seedSeconds = (performance.now() - t0) / 1000;
    console.log(`\nseeded ${REQUESTS.toLocaleString('en')} requests in ${seedSeconds.toFixed(0)} s (one tenant, a year, ${texts.length} distinct texts varied)`);

    // Probes: a citizen calling again about a recent matter in other words (the text cut and
    // reworded a little), by the same phone for half of them.
    const probes = Array.from({ length: PROBES }, (_, k) => {
      // A row received in the last four weeks: row i is i % 365 days old.
      const i = 365 * ((k * 7919) % Math.max(1, Math.floor(REQUESTS / 365) - 1)) + 1 + (k % 28);
      const text = texts[i % texts.length] ?? { title: '', body: '小区电梯停运三天无人维修，物业不处理' };
      return { i, phone: k % 2 === 0 ? phoneOf(i) : '13700000000', content: `${text.body.slice(10, 160)}，请尽快处理`, areaCode: AREAS[i % AREAS.length] ?? '320102' };
    });
    const policy = DEFAULT_DUPLICATE_POLICY;
    const latencies: number[] = [];
    let found = 0;
    for (const p of probes) {
      const [ms, result] = await timed(() =>
        sut.service.context.db.read(T, (m) => candidatesForDraft(m, keys, policy, T, { requester: { phone: p.phone }, content: p.content, areaCode: p.areaCode }, new Date(now))),
      );
      latencies.push(ms);
      if (result.items.length > 0) found++;
    }
    latencies.sort((a, b) => a - b);

    const likes: number[] = [];
    for (const p of probes.slice(0, LIKE_SCANS)) {
      const piece = Array.from(p.content).slice(5, 15).join('');
      const [ms] = await timed(() =>
        sut.service.context.db.read(T, (m) => m.query(`select id from requests where received_at >= now() - interval '30 days' and (title like $1 or content like $1) limit 10`, [`%${piece}%`])),
      );
      likes.push(ms);
    }
    likes.sort((a, b) => a - b);
    const tps = await pgbenchOnServer('postgres://postgres@127.0.0.1:5432/postgres');

    console.log(`duplicate candidates, ${PROBES} probes over ${REQUESTS.toLocaleString('en')} requests (30-day window, at the server)`);
    console.log(`  candidate search (keyed requester + GIN trigram)   p50 ${quantile(latencies, 0.5)} ms   p99 ${quantile(latencies, 0.99)} ms   (${found}/${PROBES} with candidates)`);
    console.log(`  plain LIKE '%…%' scan, same window (${LIKE_SCANS} runs)  p50 ${quantile(likes, 0.5)} ms   p99 ${quantile(likes, 0.99)} ms`);
    console.log(`  pgbench -N (same PostgreSQL, same run)             ${tps.toFixed(0)} TPS`);
  } finally {
    await sut.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
