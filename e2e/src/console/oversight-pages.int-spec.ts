// The console's oversight pages of issues 16 and 17 in a real browser (Debian's Chromium via
// playwright-core), against their own platform started by the README's start command (own
// databases, ports and stream namespace): 预警 with the warning settings, 热点聚类, 督办, 报告,
// 数据共享, 省级汇总, and the reworked 延期暂停审批 and 回访规则 removal. Each test does the page's
// action, checks what the service then holds, screenshots the page into docs/console/ and runs
// axe-core on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { signLocalToken } from '@hotline/platform';
import { eventually } from '@hotline/testing';
import type { LocalPlatform } from '../support/platform';
import { consoleSuite, DEMO_TENANT as TENANT } from './harness';

const STEP = 120_000;

/** A civil date in Shanghai (the demo tenant's zone), `days` from today. */
const shanghaiDate = (days = 0) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

describe('console oversight pages: alerts, clusters, supervision, reports, data sharing, province, approvals', () => {
  let platform: LocalPlatform;
  let context: BrowserContext;
  let page: Page;
  const { token, signIn, open, choose, screenshotClean, orderOf, registerRequest: register } = consoleSuite({
    context: { timezoneId: 'Asia/Shanghai', acceptDownloads: true },
    ready: (s) => ({ platform, context, page } = s),
  });
  /** Expands a table row (Ant Design's expand button of the row). */
  const expand = (row: ReturnType<Page['locator']>) => row.locator('.ant-table-row-expand-icon').click();

  it('预警: a request with a risk keyword raises an alert the supervisor drills into; the admin edits the warning settings', async () => {
    const risky = await register({
      requester: { name: '钱一', phone: '13600001111' }, title: '小区燃气管道泄漏', content: '楼道里闻到很重的燃气味，怀疑燃气泄漏，请尽快处理',
      areaCode: '320104', categoryCode: '030603',
    });
    const alert = await eventually('the risk alert', async () => {
      const res = await platform.api('analytics', 'GET', '/v1/alerts?kind=risk&limit=50', token('supervisor'));
      return (res.body.items as Array<{ alertId: string; requestIds: string[]; severity: string; riskCategories: string[] }>).find((a) => a.requestIds.includes(risky.id));
    }, 60_000);
    expect(alert).toMatchObject({ severity: 'high', riskCategories: ['work-safety'] });

    await signIn('督办员');
    await open('alerts');
    await choose('[aria-label="按预警类型筛选"]', '风险与舆情预警');
    const row = page.getByTestId('alerts').locator(`tr[data-row-key="${alert.alertId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('严重').waitFor();
    await row.getByText('安全生产').waitFor();
    await expand(row);
    const requests = page.getByTestId(`alert-requests-${alert.alertId}`);
    await requests.getByRole('link', { name: risky.number }).waitFor({ timeout: 30_000 });
    await requests.getByText('小区燃气管道泄漏').waitFor();
    // The supervisor reads the settings but may not change them.
    expect(await page.locator('#hotspot-windowHours').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '保存热点预警设置' }).count()).toBe(0);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('supervisor-alerts');

    await signIn('热线管理员');
    await open('alerts');
    await page.getByTestId('hotspot-source').filter({ hasText: '平台默认' }).waitFor({ timeout: 30_000 });
    await page.locator('#hotspot-minCount').fill('6');
    await page.locator('#hotspot-quietFrom').fill('22:00');
    await page.locator('#hotspot-quietTo').fill('07:00');
    await page.getByRole('button', { name: '保存热点预警设置' }).click();
    await page.getByTestId('hotspot-source').filter({ hasText: '本热线设置' }).waitFor();
    const hotspot = await platform.api('analytics', 'GET', '/v1/hotspot-settings', token('tenant-admin'));
    expect(hotspot.body).toMatchObject({ minCount: 6, quietFrom: '22:00', quietTo: '07:00', isDefault: false });

    // A malformed quiet hour: the service's 400 names the field in the user's language.
    await page.locator('#hotspot-quietTo').fill('25:00');
    await page.getByRole('button', { name: '保存热点预警设置' }).click();
    await page.getByRole('alert').filter({ hasText: '请检查填写的内容：免打扰结束' }).waitFor();
    await page.locator('#hotspot-quietTo').fill('07:00');
    await page.getByRole('button', { name: '保存热点预警设置' }).click();
    await page.getByRole('alert').filter({ hasText: '免打扰结束' }).waitFor({ state: 'detached' });

    // One more term for the first pattern (one term a line), saved as the tenant's own list.
    await page.getByTestId('risk-patterns-source').filter({ hasText: '平台默认' }).waitFor();
    await page.locator('#pattern-terms-0').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n集体讨薪');
    await page.getByRole('button', { name: '保存风险关键词' }).click();
    await page.getByTestId('risk-patterns-source').filter({ hasText: '本热线设置' }).waitFor();
    const patterns = await platform.api('analytics', 'GET', '/v1/risk-patterns', token('tenant-admin'));
    expect(patterns.body.isDefault).toBe(false);
    expect(patterns.body.patterns[0].terms).toContain('集体讨薪');
    expect(patterns.body.patterns).toHaveLength(5);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('admin-warning-settings');
  }, 2 * STEP);

  it('热点聚类: similar requests form a cluster ranked by heat, with its requests and the 并单 master candidate', async () => {
    const texts = ['A', 'B', 'C'].map((block, i) => ({
      requester: { name: `孙${i + 2}`, phone: `1360000222${i}` },
      title: '中山北路路灯不亮',
      content: `中山北路${block}段的路灯连续一周晚上不亮，行人出行很不安全，希望尽快维修路灯`,
      areaCode: '320105', categoryCode: '030603',
    }));
    const made = [];
    for (const body of texts) made.push(await register(body));
    const ids = made.map((m) => m.id);
    const cluster = await eventually('the cluster', async () => {
      const res = await platform.api('analytics', 'GET', '/v1/clusters?minRequests=3&limit=50', token('supervisor'));
      for (const c of res.body.items as Array<{ clusterId: string }>) {
        const detail = await platform.api('analytics', 'GET', `/v1/clusters/${c.clusterId}`, token('supervisor'));
        const members = (detail.body.members as Array<{ requestId: string }>).map((m) => m.requestId);
        if (ids.every((id) => members.includes(id))) return detail.body as { clusterId: string; heat: number; requests: number; requesters: number };
      }
      return undefined;
    }, 60_000);
    expect(cluster.requesters).toBe(3);

    await signIn('督办员');
    await open('clusters');
    const row = page.getByTestId('clusters').locator(`tr[data-row-key="${cluster.clusterId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await page.getByTestId(`cluster-heat-${cluster.clusterId}`).filter({ hasText: cluster.heat.toFixed(2) }).waitFor();
    await expand(row);
    const members = page.getByTestId(`cluster-requests-${cluster.clusterId}`);
    for (const m of made) await members.getByRole('link', { name: m.number }).waitFor({ timeout: 30_000 });
    await page.getByTestId(`cluster-master-${ids[0]}`).getByRole('link', { name: made[0]!.number }).waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('supervisor-clusters');
  }, STEP);

  it('督办: from a request, the supervisor opens a 督办 order; the unit replies and the supervisor closes it', async () => {
    const request = await register({
      requester: { name: '周三', phone: '13600003333' }, title: '老旧小区屋面漏水', content: '5 号楼顶层屋面漏水半年，物业不处理',
      areaCode: '320104', categoryCode: '030603',
    });
    const orderId = await orderOf(request.id, 'housing');

    await signIn('督办员');
    await open(`supervision/request/${request.id}`);
    await page.getByTestId('supervision-request').getByText(`诉求 ${request.number} 的工单`).waitFor({ timeout: 30_000 });
    await choose(`#supervise-${orderId}-source`, '长时间无明显进展');
    await page.locator(`#supervise-${orderId}-days`).fill('2');
    await page.locator(`#supervise-${orderId}-instruction`).fill('请于两个工作日内查明漏水原因并报告维修计划');
    await page.locator(`#supervise-${orderId}-instruction`).press('Tab');
    await page.keyboard.press('Enter');
    const orders = page.getByTestId('supervision-orders');
    const row = orders.getByRole('row').filter({ hasText: request.number });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('督办中').waitFor();
    const stored = await platform.api('handling', 'GET', `/v1/supervision-orders?workOrderId=${orderId}`, token('supervisor'));
    expect(stored.body.items).toHaveLength(1);
    const supervision = stored.body.items[0] as { id: string; state: string; source: string; instruction: string; unitCode: string };
    expect(supervision).toMatchObject({ state: 'open', source: 'no-progress', instruction: '请于两个工作日内查明漏水原因并报告维修计划', unitCode: 'housing' });

    // The unit replies (its own page does it by form; here through the API), the list shows the reply.
    const replied = await platform.api('handling', 'POST', `/v1/supervision-orders/${supervision.id}/reply`, token('unit-operator:housing'), { reply: '已查明为防水层老化，定于下周维修' });
    expect(replied.status).toBe(200);
    await row.getByText('已查明为防水层老化，定于下周维修').waitFor({ timeout: 30_000 });
    await page.getByTestId(`supervision-order-state-${supervision.id}`).filter({ hasText: '已回复' }).waitFor();
    await screenshotClean('supervisor-supervision');
    await row.getByRole('textbox', { name: '办结意见' }).fill('同意维修计划');
    await row.getByRole('button', { name: '办结督办' }).click();
    await page.getByTestId(`supervision-order-state-${supervision.id}`).filter({ hasText: '已办结' }).waitFor();
    const closed = await platform.api('handling', 'GET', `/v1/supervision-orders/${supervision.id}`, token('supervisor'));
    expect(closed.body).toMatchObject({ state: 'closed', closeNote: '同意维修计划' });
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
  }, STEP);

  it("报告: the supervisor generates today's daily report, reads its sections, downloads the CSV and opens the printable page", async () => {
    await signIn('督办员');
    await open('reports');
    await page.getByRole('button', { name: '立即生成' }).click();
    const detail = page.getByTestId('report-detail');
    await detail.waitFor({ timeout: 30_000 });
    const today = shanghaiDate();
    const listed = await platform.api('analytics', 'GET', '/v1/reports?period=daily', token('supervisor'));
    const report = (listed.body.items as Array<{ id: string; periodKey: string; version: number; generator: string }>)[0]!;
    expect(report).toMatchObject({ periodKey: today, generator: 'user' });
    const full = await platform.api('analytics', 'GET', `/v1/reports/${report.id}`, token('supervisor'));
    const received = full.body.report.volumes.received as number;
    expect(received).toBeGreaterThanOrEqual(4);
    await page.getByTestId('report-volumes').getByText(String(received), { exact: true }).first().waitFor();
    // Every rate with its numerator and denominator.
    const response = (full.body.report.rates as Array<{ code: string; label: string; numerator: number; denominator: number }>).find((r) => r.code === 'response')!;
    await page.getByTestId('report-rates').getByRole('row').filter({ hasText: response.label }).filter({ hasText: String(response.denominator) }).waitFor();
    await page.getByTestId('report-comparison').waitFor();
    await page.getByTestId('reports').getByRole('row').filter({ hasText: today }).filter({ hasText: `v${report.version}` }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`report-${TENANT}-daily-${today}-v${report.version}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain('[volumes]');
    expect(csv).toContain('[comparison]');

    const [printable] = await Promise.all([context.waitForEvent('page'), detail.getByRole('button', { name: '打开打印版' }).click()]);
    await printable.waitForLoadState();
    expect(await printable.locator('h1').innerText()).toContain('12345热线日报');
    await printable.close();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('supervisor-reports');
  }, STEP);

  it('数据共享: the admin proposes an agreement, may not approve it (two-person rule), the supervisor approves, a pull is logged', async () => {
    await signIn('热线管理员');
    await open('sharing');
    await page.locator('#sharing-departmentCode').fill('env-bureau');
    await page.locator('#sharing-departmentName').fill('市生态环境局');
    await page.locator('#sharing-purpose').fill('大气污染投诉线索的执法核查与统计分析');
    await page.locator('#sharing-legalBasis').fill('《中华人民共和国大气污染防治法》第三十一条');
    await choose('#sharing-maxGrade', '重要');
    await choose('#sharing-masking-number', '原样');
    await choose('#sharing-masking-receivedAt', '降低精度');
    await choose('#sharing-masking-categoryCode', '原样');
    await choose('#sharing-masking-areaCode', '降低精度');
    await choose('#sharing-masking-content', '脱敏');
    await page.locator('#sharing-categories').fill('04');
    await page.locator('#sharing-areas').fill('320102');
    await page.getByRole('checkbox', { name: '投诉' }).check();
    await screenshotClean('admin-data-sharing-propose');
    await page.getByRole('button', { name: '提交审批' }).click();
    const agreements = page.getByTestId('sharing-agreements');
    const row = agreements.getByRole('row').filter({ hasText: 'env-bureau' }).filter({ hasText: '待审批' });
    await row.waitFor({ timeout: 30_000 });
    const listed = await platform.api('intake', 'GET', '/v1/sharing/agreements?departmentCode=env-bureau', token('tenant-admin'));
    const agreement = listed.body.items[0] as { id: string; state: string; fields: Array<{ field: string; masking: string }>; maxGrade: string };
    expect(agreement).toMatchObject({ state: 'proposed', maxGrade: 'important' });
    expect(agreement.fields).toEqual([
      { field: 'number', masking: 'none' }, { field: 'receivedAt', masking: 'coarsen' }, { field: 'categoryCode', masking: 'none' },
      { field: 'areaCode', masking: 'coarsen' }, { field: 'content', masking: 'mask' },
    ]);

    // The proposer may not approve: the 403 in Chinese, then in English.
    await expand(row);
    const detail = page.getByTestId(`agreement-detail-${agreement.id}`);
    await detail.getByRole('button', { name: '批准', exact: true }).click();
    await detail.getByRole('alert').filter({ hasText: '双人审批：须由提议人以外的人员审批' }).waitFor();
    await page.getByText('English', { exact: true }).click();
    await detail.getByRole('button', { name: 'Approve' }).click();
    await detail.getByRole('alert').filter({ hasText: 'Two-person rule: someone other than the proposer decides' }).waitFor();
    await page.getByText('中文', { exact: true }).click();

    await signIn('督办员');
    await open('sharing');
    const proposed = page.getByTestId('sharing-agreements').locator(`tr[data-row-key="${agreement.id}"]`);
    await proposed.waitFor({ timeout: 30_000 });
    await expand(proposed);
    await page.getByTestId(`agreement-detail-${agreement.id}`).getByRole('button', { name: '批准', exact: true }).click();
    await page.getByTestId(`agreement-state-${agreement.id}`).filter({ hasText: '生效' }).waitFor();

    // A covered request, then the department pulls with its own token (signed with the platform's local secret).
    const covered = await register({
      requester: { name: '吴五', phone: '13600005555' }, title: '工地扬尘', content: '工地夜间施工扬尘很大，请执法检查', areaCode: '320102', categoryCode: '040101',
    });
    const secret = readFileSync(join(platform.stateDir, 'auth-secret'), 'utf8').trim();
    const recipient = await signLocalToken(secret, { tenantId: TENANT, roles: ['data-recipient'], subject: 'env-bureau:api', department: 'env-bureau' });
    const pulled = await eventually('the covered request released', async () => {
      const res = await platform.api('intake', 'GET', '/v1/sharing/releases?limit=100', recipient);
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ number: string }>).some((i) => i.number === covered.number) ? res.body : undefined;
    });
    expect(pulled.items.length).toBeGreaterThanOrEqual(1);
    await proposed.getByRole('button', { name: '查看市生态环境局的共享记录' }).click();
    const release = page.getByTestId('sharing-releases').getByRole('row').filter({ hasText: 'env-bureau:api' }).first();
    await release.waitFor({ timeout: 30_000 });
    await release.getByText('接口调取').waitFor();
    const log = await platform.api('intake', 'GET', `/v1/sharing/releases/log?agreementId=${agreement.id}`, token('supervisor'));
    expect(log.body.items.length).toBeGreaterThanOrEqual(1);
    expect(log.body.items.some((r: { requestIds: string[] }) => r.requestIds.includes(covered.id))).toBe(true);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('supervisor-data-sharing');
  }, 2 * STEP);

  it("省级汇总: the province operator sees each city's aggregates and a chart, never a request", async () => {
    // The page's default period: the last 30 local days.
    const range = `from=${shanghaiDate(-29)}&to=${shanghaiDate()}`;
    const figures = await eventually('the city counts', async () => {
      const res = await platform.api('analytics', 'GET', `/v1/province/overview?${range}`, token('province-operator', 'province-32'));
      expect(res.status).toBe(200);
      const city = (res.body.items as Array<{ tenant: string; requests: number; riskAlerts: number }>).find((c) => c.tenant === TENANT);
      return city && city.requests >= 5 && city.riskAlerts >= 1 ? res.body : undefined;
    });
    const city = (figures.items as Array<{ tenant: string; requests: number }>).find((c) => c.tenant === TENANT)!;
    await signIn('省级运营', 'province-32');
    await open('province-overview');
    await page.getByTestId(`province-requests-${TENANT}`).waitFor({ timeout: 30_000 });
    await page.getByTestId(`province-requests-${TENANT}`).filter({ hasText: new RegExp(`^${city.requests}$`) }).waitFor();
    await page.getByTestId('province-cities').getByRole('row').filter({ hasText: 'city-3202' }).waitFor();
    await page.getByRole('img', { name: '各市受理量、工单、超期和预警柱状图' }).waitFor();
    // No link to any single request on the page.
    expect(await page.locator('main a[href*="request"]').count()).toBe(0);
    // A single city alert stays the city's: 404 to the province.
    const alerts = await platform.api('analytics', 'GET', '/v1/alerts?limit=1', token('supervisor'));
    const oneAlert = await platform.api('analytics', 'GET', `/v1/alerts/${alerts.body.items[0].alertId}`, token('province-operator', 'province-32'));
    expect(oneAlert.status).toBe(404);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('province-overview');
  }, STEP);

  it("延期暂停审批: the server's queue lists a unit's extension request; the kind filter narrows it; the supervisor approves by keyboard", async () => {
    const request = await register({
      requester: { name: '郑六', phone: '13600006666' }, title: '小区外墙脱落', content: '3 号楼外墙瓷砖脱落，需鉴定后维修', areaCode: '320104', categoryCode: '030603',
    });
    const orderId = await orderOf(request.id, 'housing');
    expect((await platform.api('handling', 'POST', `/v1/work-orders/${orderId}/sign`, token('unit-operator:housing'))).status).toBe(200);
    const asked = await platform.api('handling', 'POST', `/v1/work-orders/${orderId}/extensions`, token('unit-operator:housing'), {
      extraWorkingDays: 3, reason: '外墙需第三方安全鉴定', basis: '《房屋安全鉴定办法》',
    });
    expect(asked.status).toBe(201);

    await signIn('督办员');
    await open('approvals');
    const rows = page.getByTestId('approvals').getByRole('row').filter({ hasText: request.number });
    await rows.filter({ hasText: '延期申请' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('approvals-scope').filter({ hasText: '项待审批申请' }).waitFor();
    await choose('[aria-label="按申请类型筛选"]', '暂停计时');
    await rows.first().waitFor({ state: 'detached' });
    await choose('[aria-label="按申请类型筛选"]', '延期申请');
    const extension = rows.filter({ hasText: '外墙需第三方安全鉴定' });
    await extension.waitFor();
    await screenshotClean('supervisor-approvals-queue');
    await extension.getByRole('textbox').click();
    await page.keyboard.type('同意延期');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await extension.waitFor({ state: 'detached' });
    const history = await platform.api('handling', 'GET', `/v1/work-orders/${orderId}/extensions`, token('supervisor'));
    expect(history.body.extensions[0]).toMatchObject({ status: 'approved', decisionNote: '同意延期' });
    const queue = await platform.api('handling', 'GET', '/v1/approvals?kind=extension', token('supervisor'));
    expect((queue.body.items as Array<{ order: { id: string } }>).some((i) => i.order.id === orderId)).toBe(false);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
  }, STEP);

  it('回访规则: the admin removes a rule after confirming, and the next more general rule applies', async () => {
    const put = await platform.api('revisit', 'PUT', '/v1/sampling-policies/complaint/channels/web', token('tenant-admin'), {
      samplePercent: 40, windowHours: 24, maxAttempts: 2, methods: ['phone'], anonymous: 'skip', defaultEvaluation: null,
    });
    expect(put.status).toBe(200);
    await signIn('热线管理员');
    await open('sampling-rules');
    const rules = page.getByTestId('sampling-rules');
    const webRule = rules.getByRole('row').filter({ hasText: '网站' }).filter({ hasText: '40%' });
    await webRule.waitFor({ timeout: 30_000 });
    await webRule.getByRole('button', { name: '删除规则 投诉 × 网站' }).click();
    await page.getByRole('dialog').locator('.ant-modal-confirm-title', { hasText: '删除规则 投诉 × 网站？' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
    await webRule.waitFor({ state: 'detached' });
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const stored = await platform.api('revisit', 'GET', '/v1/sampling-policies', token('tenant-admin'));
    expect((stored.body.items as Array<{ requestType: string; channelKind: string }>).some((p) => p.requestType === 'complaint' && p.channelKind === 'web')).toBe(false);
    // The finder for a complaint by web now names the complaint rule for every channel.
    await choose('#finder-kind', '网站');
    await page.getByTestId('rule-applies').filter({ hasText: '投诉 × 全部渠道' }).waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    // After the dialog: the picture's style (no animations) would stop an open dialog from ever closing.
    await screenshotClean('admin-sampling-rules-remove');
  }, STEP);
});
