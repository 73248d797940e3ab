import { signLocalToken } from '@hotline/platform';
import { ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { TEST_AUTH_SECRET } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { intakeService } from '../../services/intake/src/intake.service';

// 数据共享 (分类分级) on the real intake (PostgreSQL, NATS): an agreement per receiving department,
// approved by a second person, releases only its fields of only the requests it covers, each
// masked as agreed; every release is logged, and personal data given in clear is audited like
// any clear read; a department without an active agreement, or whose agreement was revoked, gets
// nothing (docs/data-sharing.md, ADR 0035).
describe('graded data sharing (real PostgreSQL and NATS)', () => {
  let sut: ServiceUnderTest;
  const T = 'city-share';
  type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A caller of its own subject (two administrators are two persons), with a department when a recipient. */
  const as = (subject: string, roles: Role[], department?: string): Call => async (method, path, body) => {
    await sut.token(T, roles);
    return sut.request(method, path, await signLocalToken(TEST_AUTH_SECRET, { tenantId: T, roles, subject, department }), body);
  };
  const admin = as('admin-1', ['tenant-admin']);
  const secondAdmin = as('admin-2', ['tenant-admin']);
  const supervisor = as('supervisor-1', ['supervisor']);
  const agent = as('agent-1', ['agent']);
  const envBureau = as('env-bureau:api', ['data-recipient'], 'env-bureau');
  const hrssBureau = as('hrss-bureau:api', ['data-recipient'], 'hrss-bureau');

  const HOUR = 3600_000;
  const validity = () => ({ validFrom: new Date(Date.now() - HOUR).toISOString(), validUntil: new Date(Date.now() + 30 * 24 * HOUR).toISOString() });

  async function enter(overrides: Record<string, unknown>) {
    const res = await agent('POST', '/v1/requests', {
      channel: 'phone',
      requester: { name: '王小五', phone: '13812345678', address: '南京市玄武区中山路1号' },
      title: '餐馆油烟扰民',
      content: '楼下餐馆油烟直排，熏到住户，请回电13812345678',
      areaCode: '320102001',
      requestType: 'complaint',
      urgency: 'normal',
      categoryCode: '040101',
      scope: { decision: 'in-scope' },
      ...overrides,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string };
  }

  const envAgreement = (overrides: Record<string, unknown> = {}) => ({
    departmentCode: 'env-bureau',
    departmentName: '市生态环境局',
    purpose: '大气污染投诉线索的执法核查与统计分析',
    legalBasis: '《中华人民共和国大气污染防治法》第三十一条',
    maxGrade: 'important',
    fields: [
      { field: 'number', masking: 'none' },
      { field: 'receivedAt', masking: 'coarsen' },
      { field: 'requestType', masking: 'none' },
      { field: 'categoryCode', masking: 'none' },
      { field: 'areaCode', masking: 'coarsen' },
      { field: 'status', masking: 'none' },
      { field: 'content', masking: 'mask' },
      { field: 'requester.phone', masking: 'drop' },
    ],
    categoryPrefixes: ['04'],
    areaCodes: ['320102'],
    requestTypes: ['complaint'],
    ...validity(),
    ...overrides,
  });

  async function approved(body: Record<string, unknown>) {
    const proposed = await admin('POST', '/v1/sharing/agreements', body);
    expect(proposed.status).toBe(201);
    const decided = await supervisor('POST', `/v1/sharing/agreements/${proposed.body.id}/approve`, {});
    expect(decided).toMatchObject({ status: 200, body: { state: 'active' } });
    return proposed.body.id as string;
  }

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    expect((await admin('POST', '/v1/channels', { code: 'phone', name: '12345 热线电话', kind: 'phone' })).status).toBe(201);
    const taxonomy = await admin('PUT', '/v1/categories', {
      categories: [
        { code: '04', name: '生态环境', level: 1 },
        { code: '0401', name: '大气污染', parentCode: '04', level: 2 },
        { code: '040101', name: '餐饮油烟', parentCode: '0401', level: 3 },
        { code: '08', name: '劳动和社会保障', level: 1 },
        { code: '0801', name: '劳动关系', parentCode: '08', level: 2 },
        { code: '080101', name: '拖欠工资', parentCode: '0801', level: 3 },
      ],
    });
    expect(taxonomy.status).toBe(200);
  });
  afterAll(() => sut?.close());

  it('releases only the agreed fields of the covered requests, masked as agreed, once a second person approved; logs each release', async () => {
    const covered = await enter({});
    const alsoCovered = await enter({ areaCode: '320102', content: '夜间餐馆排风扇噪声和油烟' });
    await enter({ categoryCode: '080101', content: '工地拖欠工资三个月' }); // another category
    await enter({ areaCode: '320104' }); // another area
    await enter({ requestType: 'consultation', content: '油烟净化器安装标准是什么' }); // another type

    const proposed = await admin('POST', '/v1/sharing/agreements', envAgreement());
    expect(proposed).toMatchObject({ status: 201, body: { state: 'proposed', proposedBy: 'admin-1', departmentCode: 'env-bureau' } });
    const id = proposed.body.id as string;
    // Not active before the second person: nothing released.
    expect((await envBureau('GET', '/v1/sharing/releases')).status).toBe(403);
    // Two persons: the proposer never approves.
    const own = await admin('POST', `/v1/sharing/agreements/${id}/approve`, {});
    expect([own.status, own.body.code]).toEqual([403, 'two_person_rule']);
    const approval = await secondAdmin('POST', `/v1/sharing/agreements/${id}/approve`, { reason: '经数据安全负责人审核' });
    expect(approval).toMatchObject({ status: 200, body: { state: 'active', decidedBy: 'admin-2' } });
    expect((await secondAdmin('POST', `/v1/sharing/agreements/${id}/approve`, {})).status).toBe(409);
    expect((await supervisor('GET', `/v1/sharing/agreements/${id}`)).body).toMatchObject({ state: 'active', fields: envAgreement().fields });

    // Page by page: only the two covered requests, oldest first, each with only the agreed fields.
    const first = await envBureau('GET', '/v1/sharing/releases?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const second = await envBureau('GET', `/v1/sharing/releases?limit=10&cursor=${first.body.next}`);
    const items = [...first.body.items, ...second.body.items];
    expect(items.map((i) => i.number)).toEqual([covered.number, alsoCovered.number]);
    for (const item of items)
      expect(Object.keys(item).sort()).toEqual(['areaCode', 'categoryCode', 'content', 'number', 'receivedAt', 'ref', 'requestType', 'status']);
    expect(items[0]).toMatchObject({ areaCode: '3201', categoryCode: '040101', requestType: 'complaint', receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(items[0].content).toContain('138****5678');
    expect(JSON.stringify([first.body, second.body])).not.toContain('13812345678');
    const empty = await envBureau('GET', `/v1/sharing/releases?cursor=${second.body.next}`);
    expect(empty.body).toMatchObject({ items: [], next: second.body.next });

    // Another department, a recipient with no department, staff: refused.
    expect((await hrssBureau('GET', '/v1/sharing/releases')).body).toMatchObject({ status: 403, code: 'no_sharing_agreement' });
    expect((await as('nobody', ['data-recipient'])('GET', '/v1/sharing/releases')).status).toBe(403);
    expect((await agent('GET', '/v1/sharing/releases')).status).toBe(403);
    expect((await envBureau('GET', '/v1/sharing/releases?since=yesterday')).body.errors[0].field).toBe('query.since');

    // The log: each release (the empty one too), with its requests and fields; refusals are not releases.
    const log = await supervisor('GET', `/v1/sharing/releases/log?agreementId=${id}`);
    expect(log.body.total).toBe(3);
    expect(log.body.items.map((e: { itemCount: number }) => e.itemCount)).toEqual([0, 1, 1]);
    expect(log.body.items[2]).toMatchObject({
      kind: 'pull',
      departmentCode: 'env-bureau',
      subject: 'env-bureau:api',
      requestIds: [covered.id],
      fields: ['number', 'receivedAt', 'requestType', 'categoryCode', 'areaCode', 'status', 'content'],
    });
    expect((await envBureau('GET', '/v1/sharing/releases/log')).status).toBe(403);

    // Revoked: refused at once, and nothing more is logged.
    const revoked = await admin('POST', `/v1/sharing/agreements/${id}/revoke`, { reason: '执法核查专项结束' });
    expect(revoked).toMatchObject({ status: 200, body: { state: 'revoked', revokedBy: 'admin-1' } });
    const refused = await envBureau('GET', '/v1/sharing/releases');
    expect(refused.body).toMatchObject({ status: 403, code: 'no_sharing_agreement', detail: expect.stringMatching(/revoked/) });
    expect((await supervisor('GET', `/v1/sharing/releases/log?agreementId=${id}`)).body.total).toBe(3);
  });

  it('refuses an unsound agreement with a 400 naming the field', async () => {
    const personal = { departmentCode: 'hrss-bureau', maxGrade: 'personal', fields: [{ field: 'requester.phone', masking: 'none' }] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [personal, 'personalDataPurpose'],
      [{ fields: [{ field: 'requester.name', masking: 'mask' }], personalDataPurpose: '回访核实' }, 'fields.0.field'],
      [{ maxGrade: 'core', fields: [{ field: 'requester.idNumber', masking: 'mask' }], personalDataPurpose: '社保待遇核查' }, 'includesCore'],
      [{ fields: [{ field: 'content', masking: 'none' }] }, 'fields.0.masking'],
      [{ areaCodes: ['3201x'] }, 'areaCodes.0'],
      [{ validUntil: new Date(Date.now() - 2 * HOUR).toISOString() }, 'validUntil'],
      [{ feed: { webhookUrl: 'https://example.gov.cn/hook' } }, '(body)'],
    ];
    for (const [overrides, field] of cases) {
      const res = await admin('POST', '/v1/sharing/agreements', envAgreement(overrides));
      expect([res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([400, [field]]);
    }
    expect((await supervisor('POST', '/v1/sharing/agreements', envAgreement())).status).toBe(403);
    expect((await supervisor('GET', '/v1/sharing/agreements?state=proposed')).body.items).toEqual([]);
  });

  it('gives personal fields in clear only under an agreement that states why, audits each, hides a confidential identity; a new agreement supersedes the old', async () => {
    const open = await enter({ categoryCode: '080101', areaCode: '320104', requester: { name: '赵六', phone: '13900002222' }, content: '工地拖欠工资三个月' });
    const confidential = await enter({
      categoryCode: '080101',
      areaCode: '320104',
      requestType: 'help',
      requester: { name: '钱七', phone: '13900003333', confidential: true },
      content: '公司拖欠工资，请求帮助',
    });
    const terms = {
      departmentCode: 'hrss-bureau',
      departmentName: '市人力资源和社会保障局',
      purpose: '欠薪线索核查',
      legalBasis: '《保障农民工工资支付条例》第十条',
      personalDataPurpose: '劳动保障监察员需联系诉求人核实欠薪事实',
      maxGrade: 'personal',
      fields: [
        { field: 'number', masking: 'none' },
        { field: 'requester.name', masking: 'mask' },
        { field: 'requester.phone', masking: 'none' },
      ],
      categoryPrefixes: ['0801'],
      // The district only: the first case's wage complaint lies in another one.
      areaCodes: ['320104'],
      requestTypes: ['complaint', 'help'],
      ...validity(),
    };
    const first = await approved(terms);

    const pulled = await hrssBureau('GET', '/v1/sharing/releases');
    expect(pulled.status).toBe(200);
    const byNumber = new Map(pulled.body.items.map((i: { number: string }) => [i.number, i]));
    expect(byNumber.size).toBe(2);
    expect(byNumber.get(open.number)).toMatchObject({ 'requester.name': '赵*', 'requester.phone': '13900002222' });
    expect(byNumber.get(confidential.number)).toMatchObject({ 'requester.name': null, 'requester.phone': null });

    // The clear phone is a clear read: in the access log, under data-sharing, for the department.
    const audited = await supervisor('GET', `/v1/pii-access-log?requestId=${open.id}`);
    expect(audited.body.items).toEqual([
      expect.objectContaining({ subject: 'hrss-bureau:api', purpose: 'data-sharing', fields: ['requester.phone'], unit: 'hrss-bureau', roles: ['data-recipient'] }),
    ]);
    expect((await supervisor('GET', `/v1/pii-access-log?requestId=${confidential.id}`)).body.items).toEqual([]);

    // Terms never change in place: a new agreement, once approved, revokes the old one.
    const second = await approved({ ...terms, fields: [{ field: 'number', masking: 'none' }, { field: 'requester.phone', masking: 'drop' }] });
    expect((await supervisor('GET', `/v1/sharing/agreements/${first}`)).body).toMatchObject({ state: 'revoked', supersededBy: second });
    const narrowed = await hrssBureau('GET', '/v1/sharing/releases');
    expect(narrowed.body.agreementId).toBe(second);
    for (const item of narrowed.body.items) expect(Object.keys(item).sort()).toEqual(['number', 'ref']);
    const refs = (body: { items: Array<{ ref: string }> }) => body.items.map((i) => i.ref).sort();
    expect(refs(narrowed.body)).not.toEqual(refs(pulled.body)); // a key per agreement: nothing to join across them

    await expect(
      sut.service.context.dataSource.transaction(async (m) => {
        await m.query(`select set_config('app.tenant_id', $1, true)`, [T]);
        await m.query(`update sharing_agreements set purpose = '任何用途' where id = $1`, [second]);
      }),
    ).rejects.toThrow(/immutable/);
  });
});
