import { Events } from '@hotline/contracts';
import { signLocalToken } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { TEST_AUTH_SECRET } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { intakeService } from '../../services/intake/src/intake.service';

// The knowledge base (知识库) on the real intake (PostgreSQL full-text search over character
// bigrams, NATS): reviewed before it is published, imported with a per-row report, searched and
// suggested in Chinese, and cited by a direct answer.
describe('intake knowledge base (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const T = 'city-k';
  /** A caller of its own subject: the reviewer is never the author. */
  const as = (subject: string, roles: Role[]) => async (method: string, path: string, body?: unknown) => {
    await sut.token(T, roles);
    return sut.request(method, path, await signLocalToken(TEST_AUTH_SECRET, { tenantId: T, roles, subject }), body);
  };
  const author = as('kb-admin', ['supervisor']);
  const reviewer = as('kb-reviewer', ['reviewer']);
  const agent = as('agent-1', ['agent']);

  const article = (overrides: Record<string, unknown> = {}) => ({
    category: '住房保障/公积金',
    title: '住房公积金提取办理指南',
    content: '职工购买自住住房、退休、完全丧失劳动能力的，可以提取住房公积金。办理时请携带身份证和相关证明材料到公积金管理中心窗口。',
    issuingUnit: '市住房公积金管理中心',
    materialKind: 'service-guide',
    sourceDocument: '住房公积金管理条例',
    keywords: ['公积金', '提取'],
    validFrom: '2025-01-01',
    ...overrides,
  });

  async function publish(body: Record<string, unknown>) {
    const created = await author('POST', '/v1/knowledge/articles', body);
    expect(created.status).toBe(201);
    const approved = await reviewer('POST', `/v1/knowledge/articles/${created.body.articleId}/versions/1/review`, { decision: 'approve' });
    expect(approved.status).toBe(200);
    return created.body.articleId as string;
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    const admin = sut.as(T, ['tenant-admin']);
    expect((await admin('POST', '/v1/channels', { code: 'phone', name: '12345 热线电话', kind: 'phone' })).status).toBe(201);
    expect((await admin('PUT', '/v1/categories', { categories: [{ code: '01', name: '城乡建设', level: 1 }] })).status).toBe(200);
  });
  afterAll(() => sut?.close());

  it('publishes an article only once another person approved it, then finds and suggests it in Chinese', async () => {
    const created = await author('POST', '/v1/knowledge/articles', article());
    expect(created).toMatchObject({ status: 201, body: { version: 1, status: 'in-review' } });
    const id = created.body.articleId;
    const search = (q: string, extra = '') => agent('GET', `/v1/knowledge/search?q=${encodeURIComponent(q)}${extra}`);
    expect((await search('公积金怎么提取')).body.items).toEqual([]);
    // Four eyes: the author does not review their own version.
    const own = await as('kb-admin', ['supervisor'])('POST', `/v1/knowledge/articles/${id}/versions/1/review`, { decision: 'approve' });
    expect(own).toMatchObject({ status: 403, body: { code: 'own_version' } });
    const approved = await reviewer('POST', `/v1/knowledge/articles/${id}/versions/1/review`, { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'published', reviewDueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

    await publish(article({ category: '交通运输/公交', title: '公交卡办理', content: '市民可在公交服务网点办理公交卡，需本人身份证。', keywords: ['公交卡'] }));
    const found = await search('公积金怎么提取');
    expect(found.body.items[0]).toMatchObject({ articleId: id, version: 1, title: '住房公积金提取办理指南', category: '住房保障/公积金' });
    expect((await search('身份证', '&category=交通运输')).body.items.map((h: { title: string }) => h.title)).toEqual(['公交卡办理']);
    expect((await search('身份证', '&category=交通')).body.items).toEqual([]);
    // Valid from 2025: not an answer for a day before it.
    expect((await search('公积金', '&validOn=2024-12-31')).body.items).toEqual([]);
    const typed = await agent('GET', `/v1/knowledge/suggestions?q=${encodeURIComponent('公积')}`);
    expect(typed.body.items).toEqual([{ articleId: id, version: 1, title: '住房公积金提取办理指南', category: '住房保障/公积金' }]);
    expect((await agent('GET', `/v1/knowledge/search?q=${encodeURIComponent('，。')}`)).body.errors[0].field).toBe('q');
  });

  it('keeps the published version until a new one is approved, then supersedes it', async () => {
    const id = await publish(article({ title: '社保卡补办', content: '社保卡遗失可到社保服务大厅补办。', keywords: ['社保卡'] }));
    const v2 = await author('POST', `/v1/knowledge/articles/${id}/versions`, article({ title: '社保卡补办（线上）', content: '社保卡遗失可在线上小程序补办，也可到社保服务大厅。', keywords: ['社保卡', '线上'] }));
    expect(v2.body).toMatchObject({ version: 2, status: 'in-review' });
    expect((await author('POST', `/v1/knowledge/articles/${id}/versions`, article({ title: '第三版' }))).status).toBe(409);
    let got = await agent('GET', `/v1/knowledge/articles/${id}`);
    expect(got.body.publishedVersion).toBe(1);
    await reviewer('POST', `/v1/knowledge/articles/${id}/versions/2/review`, { decision: 'approve', reviewDueOn: '2099-01-01' });
    got = await agent('GET', `/v1/knowledge/articles/${id}`);
    expect(got.body.publishedVersion).toBe(2);
    expect(got.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'published'], [1, 'superseded']]);
    const hit = (await agent('GET', `/v1/knowledge/search?q=${encodeURIComponent('社保卡补办')}`)).body.items[0];
    expect(hit).toMatchObject({ articleId: id, version: 2, title: '社保卡补办（线上）' });
  });

  it('imports the good rows of a CSV and reports the bad one by row and field', async () => {
    const csv = [
      'category,title,content,issuingUnit,materialKind,keywords,validFrom',
      '民政/低保,低保申请条件,家庭人均收入低于当地低保标准的可申请。,市民政局,办事指南,"低保,申请",2025-01-01',
      '民政/低保,低保标准,低保标准每年公布。,市民政局,通知公告,低保标准,2025-01-01',
      '民政/养老,高龄津贴,80周岁以上老人可申领高龄津贴。,市民政局,热点问答,"高龄,津贴",2025-01-01',
    ].join('\n');
    const res = await author('POST', '/v1/knowledge/imports', { format: 'csv', csv });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 3, imported: 2, failed: 1 });
    expect(res.body.errors).toEqual([{ row: 2, errors: [{ field: 'keywords.0', message: 'a keyword must not repeat the title' }] }]);
    const json = await author('POST', '/v1/knowledge/imports', { format: 'json', articles: [article({ title: '居住证办理' }), { title: '缺字段' }] });
    expect(json.body).toMatchObject({ rows: 2, imported: 1, failed: 1 });
    expect(json.body.errors[0].errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['category', 'content', 'issuingUnit']));
    // Imported articles wait for review like any other; approved together, they are found.
    const items = [...res.body.created, ...json.body.created].map((c: { articleId: string }) => ({ articleId: c.articleId, version: 1 }));
    expect((await agent('GET', `/v1/knowledge/search?q=${encodeURIComponent('高龄津贴')}`)).body.items).toEqual([]);
    const batch = await reviewer('POST', '/v1/knowledge/reviews', { decision: 'approve', items: [...items, items[0]] });
    expect(batch.body.decided).toHaveLength(3);
    expect(batch.body.refused).toEqual([expect.objectContaining({ index: 3, code: 'not_in_review' })]);
    expect((await agent('GET', `/v1/knowledge/search?q=${encodeURIComponent('高龄津贴')}`)).body.items[0].title).toBe('高龄津贴');
  });

  it('answers a consultation directly from an article, links the request to it and closes it for revisit like any other', async () => {
    const id = await publish(article({ title: '新生儿落户', content: '新生儿落户需出生医学证明和父母户口簿，到户籍派出所办理。', keywords: ['落户', '新生儿'] }));
    const contact = (extra: Record<string, unknown>) => ({
      channel: 'phone',
      requester: { name: '王五', phone: '13700002222' },
      content: '孩子刚出生，怎么落户？',
      areaCode: '320102',
      requestType: 'consultation',
      urgency: 'normal',
      categoryCode: '01',
      scope: { decision: 'direct-answer', answer: '新生儿落户需出生医学证明和父母户口簿，到户籍派出所办理。' },
      ...extra,
    });
    const [suggested] = (await agent('GET', `/v1/knowledge/search?q=${encodeURIComponent('孩子出生怎么落户')}`)).body.items;
    expect(suggested.articleId).toBe(id);
    const res = await agent('POST', '/v1/requests', contact({ answerArticles: [id] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'closed', answerArticles: [{ articleId: id, version: 1, title: '新生儿落户' }] });
    expect((await agent('GET', `/v1/requests/${res.body.id}`)).body.answerArticles).toEqual([{ articleId: id, version: 1, title: '新生儿落户' }]);
    // Revisit samples direct answers from RequestClosedAtIntake, as for any answer given at intake.
    const [closed] = await sut.service.context.dataSource.query(`select count(*)::int as n from outbox where event_type = $1 and aggregate_id = $2`, [
      Events.intake.requestClosedAtIntake.type,
      res.body.id,
    ]);
    expect(closed.n).toBe(1);

    const unpublished = await author('POST', '/v1/knowledge/articles', article({ title: '未审核的条目' }));
    const refused = await agent('POST', '/v1/requests', contact({ answerArticles: [unpublished.body.articleId] }));
    expect(refused.body.errors).toEqual([{ field: 'answerArticles.0', message: 'no published article valid today' }]);
    const inScope = await agent('POST', '/v1/requests', contact({ scope: { decision: 'in-scope' }, answerArticles: [id] }));
    expect(inScope.body.errors[0].field).toBe('answerArticles');
  });
});
