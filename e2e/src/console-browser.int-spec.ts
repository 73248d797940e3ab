// The web console in a real browser (Debian's Chromium via playwright-core) against the whole
// platform started by the README's start command: the main path from a phone contact to the
// supervisor's rates, the public page on a phone, unit isolation, and the admin's catalog
// publication from a CSV file. Every main page is screenshotted into docs/console/ and checked
// with axe-core (no serious or critical violations).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '@hotline/testing';
import { type LocalPlatform, ROOT } from './support/platform';
import { type AxeFinding, captureClean, DESKTOP, PHONE, SCREENSHOTS } from './console/browser';
import { consoleSuite, DEMO_TENANT as TENANT } from './console/harness';

const run = promisify(execFile);
const STEP = 90_000;

describe('web console (apps/console) in Chromium', () => {
  let platform: LocalPlatform;
  let browser: Browser;
  let page: Page;
  let consoleUrl: string;
  const { token, signIn, open, requestIdOf, orderOf, registerRequest } = consoleSuite({ ready: (s) => ({ platform, browser, page, consoleUrl } = s) });
  const findings: Record<string, AxeFinding[]> = {};
  /** A screenshot once every dropdown is closed (a list caught mid-animation stays in the page for axe); its findings are judged by the last test. */
  const shot = async (name: string, on: Page = page) => {
    findings[name] = await captureClean(on, name);
  };
  /** The assisting units of a request give their input through the API, so the lead can answer in the page. */
  const giveAssistingInput = async (requestId: string) => {
    const assisting = await eventually('the assisting orders', async () => {
      const res = await platform.api('handling', 'GET', `/v1/work-orders?requestId=${requestId}`, token('supervisor'));
      const items = res.body.items as Array<{ id: string; role: string; unitCode: string }>;
      return items.length > 1 ? items.filter((o) => o.role === 'assisting') : undefined;
    });
    for (const order of assisting) {
      // The leader: where the tenant requires the sign-off, only a leader's answer leaves the unit.
      const staff = token(`unit-leader:${order.unitCode}`);
      expect((await platform.api('handling', 'POST', `/v1/work-orders/${order.id}/sign`, staff)).status).toBe(200);
      expect((await platform.api('handling', 'POST', `/v1/work-orders/${order.id}/answer`, staff, {
        answer: '街道已配合现场核查', basis: '属地管理职责', contactRecord: '由主办单位联系诉求人',
      })).status).toBe(200);
    }
  };

  /** A public complaint of the housing catalog entry, taken in scope, and its housing order once dispatched. */
  const housingOrder = async (title: string, content: string, requester?: { name: string; phone: string }) => {
    const submitted = await platform.submitOnlineInScope(TENANT, token('agent'), {
      ...(requester ? { requester } : {}), title, content, areaCode: '320104', requestType: 'complaint', categoryCode: '030603',
    });
    expect(submitted.status).toBe(201);
    const { requestId } = submitted;
    return { requestId, orderId: await orderOf(requestId, 'housing'), number: submitted.body.number as string };
  };

  it('serves the console and every service API on one origin, with a content security policy', async () => {
    const index = await fetch(`${consoleUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<div id="root">');
    const ready = await fetch(`${consoleUrl}/api/handling/readyz`);
    expect(ready.status).toBe(200);
    const refused = await fetch(`${consoleUrl}/api/handling/v1/work-orders`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('keeps its generated API client equal to what the running services describe', async () => {
    const check = await run(process.execPath, ['apps/console/scripts/openapi-client.mjs', '--check', '--base', `${consoleUrl}/api`], { cwd: ROOT }).catch((err: { stderr: string }) => err);
    expect(check.stderr).toBe('');
  });

  it('walks a phone request: the agent registers it, the unit signs and answers, the reviewer passes it, the revisit closes it, the dashboard shows the new rates', async () => {
    const rates = async () => {
      const res = await platform.api('analytics', 'GET', '/v1/metrics/rates?groupBy=unit', token('supervisor'));
      return res.body.items as { label: string; validEvaluations: number; key: string }[];
    };
    const housingBefore = (await rates()).find((r) => r.label.includes('住房'))?.validEvaluations ?? 0;

    await page.goto(`${consoleUrl}/#/`);
    await page.locator('#signin-role').waitFor();
    await shot('sign-in');
    await signIn('话务员');
    await page.locator('#desk-phone').waitFor();
    // Keyboard first: the phone number has the focus, Tab walks the call, Ctrl+Enter registers.
    await page.keyboard.type('13912345678');
    await page.keyboard.press('Tab');
    await page.keyboard.type('李四');
    await page.locator('#desk-category').click();
    await page.locator('.ant-cascader-menu-item', { hasText: /^03 / }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: /^0306 / }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: /^030603 / }).click();
    await page.locator('#desk-area').click();
    await page.keyboard.type('320104');
    await page.keyboard.press('Enter');
    await page.locator('#desk-title').fill('楼道灯不亮');
    await page.locator('#desk-content').fill('5号楼楼道灯坏了一周，晚上很黑');
    await page.locator('#desk-content').press('Control+Enter');
    const registered = (await page.getByTestId('registered-number').innerText()).split(/:\s*/).pop()!.trim();
    expect(registered).toMatch(/^3201-\d{8}-\d{6}$/);
    await page.getByRole('cell', { name: registered }).waitFor();
    await shot('agent-desk');

    const requestId = await requestIdOf(registered);

    // 物业管理: the district assists; it gives its input (协办意见) first, so housing can answer (ADR 0026).
    await giveAssistingInput(requestId);

    await signIn('承办单位操作员 · housing');
    const link = page.getByRole('link', { name: registered });
    await link.waitFor({ timeout: 30_000 });
    await shot('unit-portal');
    await link.click();
    await page.getByRole('button', { name: '签收' }).click();
    await page.getByTestId('order-status').filter({ hasText: '办理中' }).waitFor();
    await page.locator('#answer-text').fill('已安排物业更换楼道灯');
    await page.locator('#answer-basis').fill('《物业管理条例》第三十五条');
    await page.locator('#answer-contact').fill('电话联系诉求人，确认已修好');
    await shot('unit-order');
    await page.getByRole('button', { name: '提交答复' }).click();
    await page.getByTestId('order-status').filter({ hasText: '已答复' }).waitFor();
    const orderId = page.url().split('/').pop()!;

    await signIn('复核员');
    await page.getByRole('link', { name: '复核' }).click();
    const row = page.locator('tr.ant-table-row', { hasText: '已安排物业更换楼道灯' });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: '复核' }).click();
    await page.getByText(registered).waitFor();
    await shot('review-queue');
    await page.getByRole('button', { name: '复核通过' }).click();
    await row.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: '回访' }).click();
    const pending = page.locator('tr.ant-table-row', { hasText: requestId });
    await pending.waitFor({ timeout: 30_000 });
    await shot('revisit-queue');
    await page.getByTestId(`revisit-${requestId}`).getByRole('button', { name: '记录回访' }).click();
    await pending.waitFor({ state: 'detached' });

    await signIn('督办员');
    await page.getByRole('link', { name: '监督看板' }).click();
    const housing = (await rates()).find((r) => r.label.includes('住房'))!;
    await page.getByTestId(`satisfaction-${housing.key}`).filter({ hasText: new RegExp(`/${housingBefore + 1}\\)`) }).waitFor({ timeout: 30_000 });
    await shot('supervisor-dashboard');

    // The order's own unit sees it; another unit is told it does not exist.
    await signIn('承办单位操作员 · env');
    await open(`unit/${orderId}`); // same document: the session stays
    await page.getByText('没有找到这张工单，或它不属于本单位').waitFor();
    await shot('unit-other-order-refused');
  }, 5 * STEP);

  it('lets the public submit a request on a phone and follow it by number and 提取码', async () => {
    const phone = await browser.newContext(PHONE);
    const p = await phone.newPage();
    try {
      await p.goto(`${consoleUrl}/#/public/${TENANT}`);
      await p.locator('#pub-name').fill('王五');
      await p.locator('#pub-phone').fill('13700001111');
      await p.locator('#pub-area').fill('320104');
      await p.locator('#pub-title').fill('路灯不亮');
      await p.locator('#pub-content').fill('中山路路灯连续三晚不亮');
      await shot('public-submit-phone', p);
      await p.getByRole('button', { name: '提交' }).click();
      const number = (await p.getByTestId('receipt-number').innerText()).trim();
      expect(number).toMatch(/^3201-\d{8}-\d{6}$/);
      await p.getByRole('button', { name: '查询进度' }).click();
      await p.getByRole('button', { name: '查询', exact: true }).click();
      await p.getByTestId('progress').getByText('已登记').waitFor();
      await shot('public-track-phone', p);
      // A wrong 提取码 is refused in the user's language and shows nothing of the request.
      await p.locator('#track-code').fill('00000000');
      await p.getByRole('button', { name: '查询', exact: true }).click();
      await p.getByRole('alert').waitFor();
      expect(await p.getByTestId('progress').count()).toBe(0);
    } finally {
      await phone.close();
    }
  }, STEP);

  it('lets the tenant admin publish a dispatch catalog version from a CSV file', async () => {
    const before = (await platform.api('dispatch', 'GET', '/v1/catalog', token('tenant-admin'))).body.version as number;
    const dir = mkdtempSync(join(tmpdir(), 'console-csv-'));
    const csv = join(dir, 'catalog.csv');
    writeFileSync(
      csv,
      ['category_code,area_code,primary_unit,assisting_units', '03,*,housing,', '0306,*,housing,district', '0307,320102,district,', '04,*,env,', '08,*,hrss,', '0801,320104,hrss,housing', ''].join('\n'),
    );
    await signIn('热线管理员');
    await page.getByRole('link', { name: '派单目录' }).click();
    await page.getByTestId('catalog-version').filter({ hasText: `第 ${before} 版` }).waitFor();
    await page.locator('input[type=file]').setInputFiles(csv);
    await page.getByText('新增').first().waitFor();
    await shot('admin-catalog-import');
    await page.getByRole('button', { name: '发布为新版本' }).click();
    await page.getByTestId('catalog-version').filter({ hasText: `第 ${before + 1} 版` }).waitFor();
    const after = (await platform.api('dispatch', 'GET', '/v1/catalog', token('tenant-admin'))).body;
    expect(after.version).toBe(before + 1);
    expect(after.entries).toContainEqual(expect.objectContaining({ categoryCode: '0801', areaCode: '320104' }));
    await shot('admin-catalog');
  }, STEP);

  it('shows the dispatcher queue and the province registry', async () => {
    await signIn('派单员');
    await page.getByText('人工派单队列').waitFor();
    await shot('dispatcher-queue');
    await signIn('省级运营', 'province-32');
    await page.getByRole('cell', { name: 'city-3202' }).waitFor();
    await shot('province-registry');
  }, STEP);

  it("shows the unit the hotline's urge and 督办 order on its order page, and takes the unit's reply by keyboard", async () => {
    const { orderId } = await housingOrder('小区电梯停运', '3 号楼电梯停运三天，物业未处理。', { name: '赵六', phone: '13600003333' });
    const urged = await platform.api('handling', 'POST', `/v1/work-orders/${orderId}/urges`, token('supervisor'), { method: 'phone', note: '请尽快安排维修' });
    expect(urged.status).toBe(201);
    const opened = await platform.api('handling', 'POST', '/v1/supervision-orders', token('supervisor'), {
      workOrderId: orderId, source: 'leader-instruction', instruction: '市领导批示：请三日内查明原因并答复',
    });
    expect(opened.status).toBe(201);

    await signIn('承办单位操作员 · housing');
    await open(`unit/${orderId}`);
    await page.getByTestId('order-urges').getByText('请尽快安排维修').waitFor({ timeout: 30_000 });
    await page.getByTestId('order-supervisions').getByText('市领导批示：请三日内查明原因并答复').waitFor();
    // Keyboard: type the reply, Tab to the button, Enter.
    await page.locator(`#supervision-reply-${opened.body.id}`).click();
    await page.keyboard.type('已联系物业更换电梯主板，预计两日内恢复运行');
    await shot('unit-order-supervision');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId(`supervision-state-${opened.body.id}`).filter({ hasText: '已回复' }).waitFor();
    const after = await platform.api('handling', 'GET', `/v1/supervision-orders/${opened.body.id}`, token('supervisor'));
    expect(after.body).toMatchObject({ state: 'replied', reply: '已联系物业更换电梯主板，预计两日内恢复运行', replyOverdue: false });
  }, 2 * STEP);

  it("stops the unit's handling clock on an approved pause and runs it again on the unit's word", async () => {
    const { orderId } = await housingOrder('小区路灯不亮', '5 号楼前路灯一周不亮，需诉求人确认具体位置。', { name: '钱七', phone: '13600004444' });
    expect((await platform.api('handling', 'POST', `/v1/work-orders/${orderId}/sign`, token('unit-operator:housing'))).status).toBe(200);

    await signIn('承办单位操作员 · housing');
    await open(`unit/${orderId}`);
    await page.getByTestId('order-clock').waitFor({ timeout: 30_000 });
    await page.locator('#pause-reason').click();
    await page.getByText('等待诉求人补充材料或确认', { exact: true }).click();
    await page.locator('#pause-note').fill('等待诉求人确认路灯位置');
    await page.getByRole('button', { name: '申请暂停计时' }).click();
    await page.getByTestId('order-pauses').getByText('待审批').waitFor();
    const [asked] = (await platform.api('handling', 'GET', `/v1/work-orders/${orderId}/pauses`, token('supervisor'))).body.items as Array<{ id: string }>;
    expect((await platform.api('handling', 'POST', `/v1/work-orders/${orderId}/pauses/${asked!.id}/approve`, token('supervisor'), { note: '同意' })).status).toBe(200);
    await page.getByTestId('order-pauses').getByText('暂停计时中').waitFor({ timeout: 30_000 });
    await shot('unit-order-clock-paused');
    await page.getByRole('button', { name: '恢复计时' }).click();
    await page.getByTestId('order-pauses').getByText('已恢复计时', { exact: false }).waitFor();
    const after = await platform.api('handling', 'GET', `/v1/work-orders/${orderId}`, token('supervisor'));
    expect(after.body.pausedAt).toBeNull();
    // The due moved by the working days the pause touched (none on a weekend), as the pause records it.
    const [ended] = (await platform.api('handling', 'GET', `/v1/work-orders/${orderId}/pauses`, token('supervisor'))).body.items as Array<{ status: string; dueAfter: string }>;
    expect(ended).toMatchObject({ status: 'ended', dueAfter: after.body.handlingDueAt });
  }, 2 * STEP);

  it("routes an operator's answer through the unit leader's sign-off where the tenant requires it", async () => {
    const admin = token('tenant-admin');
    expect((await platform.api('handling', 'PUT', '/v1/sign-off-policy', admin, { required: true })).status).toBe(200);
    try {
      const { requestId, orderId } = await housingOrder('小区路灯不亮', '7 号楼前路灯坏了两周。');
      await giveAssistingInput(requestId);

      await signIn('承办单位操作员 · housing');
      await open(`unit/${orderId}`);
      await page.getByRole('button', { name: '签收' }).click();
      await page.getByTestId('order-status').filter({ hasText: '办理中' }).waitFor();
      await page.locator('#answer-text').fill('已安排物业更换路灯');
      await page.locator('#answer-basis').fill('《物业管理条例》第三十五条');
      await page.locator('#answer-contact').fill('电话联系诉求人');
      await page.getByRole('button', { name: '提交负责人审签' }).click();
      await page.getByTestId('answer-draft').getByText('答复待负责人审签').waitFor();
      expect((await platform.api('handling', 'GET', `/v1/work-orders/${orderId}`, token('supervisor'))).body.status).toBe('in-progress');

      await signIn('承办单位负责人 · housing');
      await open(`unit/${orderId}`);
      await page.getByTestId('answer-draft').getByText('已安排物业更换路灯').waitFor({ timeout: 30_000 });
      await shot('unit-order-sign-off');
      await page.getByRole('button', { name: '审签通过' }).click();
      await page.getByTestId('order-status').filter({ hasText: '已答复' }).waitFor();
      const answered = (await platform.api('handling', 'GET', `/v1/work-orders/${orderId}`, token('supervisor'))).body;
      expect(answered).toMatchObject({ status: 'answered', answeredBy: `${TENANT}:housing`, signedOffBy: `${TENANT}:housing-leader` });
    } finally {
      await platform.api('handling', 'PUT', '/v1/sign-off-policy', admin, { required: false });
    }
  }, 2 * STEP);

  it('shows a 12345→110 transfer on the dashboard once the simulated 110 accepted it, for a period picked by keyboard', async () => {
    const cell = 'linkage-accepted-outgoing-110-one-key-transfer';
    const acceptedSoFar = async () => {
      const res = await platform.api('analytics', 'GET', '/v1/metrics/linkage-transfers', token('supervisor'));
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ direction: string; counterpart: string; method: string; accepted: number }>)
        .find((i) => i.direction === 'outgoing' && i.counterpart === '110' && i.method === 'one-key-transfer')?.accepted ?? 0;
    };
    const before = await acceptedSoFar();
    const submitted = await platform.submitOnlineInScope(TENANT, token('agent'), {
      requester: { name: '王五', phone: '13700002222' },
      title: '楼道有人打架',
      content: '2 号楼楼道有人打架斗殴，需要警察到场。',
      areaCode: '320104',
      requestType: 'help',
    }, '13'); // 政风行风: no catalog entry, so it waits in the manual queue as an uncategorised one did
    expect(submitted.status).toBe(201);
    const { requestId } = submitted;
    // The agent offers it to 110 (一键转接); npm start's simulated 110 accepts it two seconds later.
    const offer = await platform.api('intake', 'POST', `/v1/requests/${requestId}/linkage-transfers`, token('agent'), { counterpart: '110', method: 'one-key-transfer' });
    expect(offer.status).toBe(201);

    await signIn('督办员');
    await page.getByRole('link', { name: '监督看板' }).click();
    await page.getByTestId(cell).filter({ hasText: new RegExp(`\\(${before + 1}/\\d+\\)`) }).waitFor({ timeout: 60_000 });
    expect(await acceptedSoFar()).toBe(before + 1);

    // The period as a supervisor types it: today in Shanghai, start and end, each with Enter.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const answered = (path: string) => page.waitForResponse((r) => r.url().includes(path) && r.url().includes(`from=${today}&to=${today}`));
    const [rates, transfers] = [answered('/v1/metrics/rates'), answered('/v1/metrics/linkage-transfers')];
    await page.getByPlaceholder('开始日期').click();
    await page.keyboard.type(today);
    await page.keyboard.press('Enter');
    await page.keyboard.type(today);
    await page.keyboard.press('Enter');
    // Local days, as analytics takes them (a timestamp here was refused with a 400).
    expect((await rates).status()).toBe(200);
    expect((await transfers).status()).toBe(200);
    await page.getByTestId(cell).filter({ hasText: new RegExp(`\\(${before + 1}/\\d+\\)`) }).waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    // The calendar closed before the screenshot (and its accessibility check).
    await page.keyboard.press('Escape');
    await page.locator('.ant-picker-dropdown').waitFor({ state: 'hidden' });
    await shot('supervisor-dashboard-linkage');
  }, 2 * STEP);

  it("shows a unit's accepted return on the dashboard's dispatch quality, and the request back in the queue on its dispatch limit", async () => {
    const returnsOfHrss = async () => {
      const res = await platform.api('analytics', 'GET', '/v1/metrics/dispatch-quality', token('supervisor'));
      expect(res.status).toBe(200);
      return (res.body.units as Array<{ unitCode: string; returnsFiled: number }>).find((u) => u.unitCode === 'hrss')?.returnsFiled ?? 0;
    };
    const before = await returnsOfHrss();
    // A complaint the demo catalog gives to hrss (08), returned by hrss and the return accepted.
    const created = await registerRequest({
      requester: { name: '赵六', phone: '13600003333' }, title: '失业金申领进度查询不到', content: '三月提交的失业金申领至今查询不到进度', areaCode: '320104', urgency: 'urgent', categoryCode: '080101',
    });
    let filed: { status: number; body: { id: string } } = { status: 0, body: { id: '' } };
    for (let i = 0; i < 60 && filed.status !== 201; i++) {
      filed = await platform.api('dispatch', 'POST', `/v1/dispatches/${created.id}/returns`, token('unit-operator:hrss'), {
        reasonCode: 'not-our-duty', basis: '失业保险金由社保经办机构按《失业保险条例》办理',
      });
      if (filed.status !== 201) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(filed.status).toBe(201);
    expect((await platform.api('dispatch', 'POST', `/v1/returns/${filed.body.id}/decision`, token('dispatcher'), { decision: 'accept', note: '属社保经办机构' })).status).toBe(200);

    await signIn('派单员');
    const row = page.getByRole('row').filter({ hasText: created.number });
    await row.waitFor();
    // Urgent: 20 minutes by default, shown as its due beside the urgency.
    await row.getByText('紧急').waitFor();
    expect(await row.locator('td').last().innerText()).toMatch(/\d{2}:\d{2}/);

    await signIn('督办员');
    await page.getByRole('link', { name: '监督看板' }).click();
    await page.getByTestId('return-rate-hrss').filter({ hasText: new RegExp(`\\(${before + 1}/\\d+\\)`) }).waitFor({ timeout: 60_000 });
    await page.getByTestId('dispatch-accuracy').waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await page.getByTestId('dispatch-quality-units').scrollIntoViewIfNeeded();
    await shot('supervisor-dashboard-dispatch-quality');
  }, 2 * STEP);

  it('negotiates the lead unit: the dispatcher opens it on a queued request, housing takes the lead and env assists in the unit portal, and it is dispatched', async () => {
    const created = await registerRequest({
      requester: { name: '钱七', phone: '13500004444' }, title: '小区门口占道经营无人管', content: '小区门口长期占道经营，多个部门互相推诿', areaCode: '320104',
      categoryCode: '130101', // 政风行风: no catalog entry
    });
    const { number } = created;

    await signIn('派单员');
    const row = page.getByRole('row').filter({ hasText: number });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    const candidates = page.getByRole('combobox', { name: '协商候选单位' });
    await candidates.click();
    for (const unit of ['住房和城乡建设局', '生态环境局']) {
      await page.keyboard.type(unit);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '发起协商' }).click();
    await page.getByText('协商中').first().waitFor();
    await shot('dispatcher-negotiation');

    const answer = async (unit: string, stance: string, note: string) => {
      await signIn(`承办单位操作员 · ${unit}`);
      const invitation = page.getByTestId(`unit-negotiation-${number}`);
      await invitation.waitFor({ timeout: 30_000 });
      await invitation.getByRole('combobox', { name: '本单位意见' }).click();
      await page.getByTitle(stance).click();
      await invitation.getByRole('textbox', { name: '理由和依据' }).fill(note);
      await invitation.getByRole('button', { name: '答复' }).click();
      // Answered, or gone from the open ones: the last answer settles the negotiation.
      await Promise.race([invitation.getByText('本单位已答复').waitFor(), invitation.waitFor({ state: 'detached' })]);
    };
    await answer('housing', '愿意主办', '占道经营涉及物业管理区域,住建局牵头');
    await shot('unit-negotiation');
    await answer('env', '愿意协办', '油烟噪声属生态环境局职责');

    // Every candidate answered and one leads: dispatch settles it and dispatches.
    const dispatched = await eventually('dispatched by the negotiation', async () => {
      const res = await platform.api('dispatch', 'GET', `/v1/dispatches/${created.id}`, token('dispatcher'));
      return res.status === 200 ? res.body : undefined;
    });
    expect(dispatched.assignments.map((a: { unitCode: string; role: string }) => `${a.unitCode}:${a.role}`)).toEqual(['housing:primary', 'env:assisting']);
    // The negotiation is on the request's timeline: opened, then settled (steps without a status).
    const notes = await eventually('the negotiation on the timeline', async () => {
      const res = await platform.api('intake', 'GET', `/v1/requests/${created.id}`, token('agent'));
      const all = (res.body.timeline as Array<{ note: string }>).map((t) => t.note);
      return all.some((n) => n.startsWith('negotiation settled (agreed)')) ? all : undefined;
    });
    expect(notes.some((n) => n.startsWith('negotiation among 2 candidate units'))).toBe(true);

    // 协办: env gives its input into housing's order; housing sees it before it answers (ADR 0026).
    const openOrder = async (unit: string) => {
      await signIn(`承办单位操作员 · ${unit}`);
      const link = page.getByRole('link', { name: number });
      await link.waitFor({ timeout: 30_000 });
      await link.click();
      await page.getByRole('button', { name: '签收' }).click();
      await page.getByTestId('order-status').filter({ hasText: '办理中' }).waitFor();
    };
    await openOrder('housing');
    await page.getByText(/尚待 \S*生态环境局 提交协办意见/).waitFor();
    await openOrder('env');
    await page.getByText('本单位为协办单位').waitFor();
    await page.locator('#answer-text').fill('已对油烟噪声开展执法检查，责令整改');
    await page.locator('#answer-basis').fill('《大气污染防治法》第八十一条');
    await page.locator('#answer-contact').fill('由主办单位联系诉求人');
    await page.getByRole('button', { name: '提交协办意见' }).click();
    await page.getByTestId('order-status').filter({ hasText: '已提交协办意见' }).waitFor();
    await signIn('承办单位操作员 · housing');
    await page.getByRole('link', { name: number }).click();
    const inputs = page.getByRole('region', { name: '协办单位意见' });
    await inputs.getByText('已对油烟噪声开展执法检查，责令整改').waitFor();
    expect(await page.getByText('尚待').count()).toBe(0);
    await shot('unit-order-co-handling');
  }, 3 * STEP);

  it('transfers a queued request to another city: Nanjing offers it from its queue, Wuxi accepts it into its own', async () => {
    const created = await registerRequest({
      requester: { name: '周九', phone: '13600006666' }, title: '无锡某窗口推诿', content: '在无锡市锡山区办事被推诿', areaCode: '320104', categoryCode: '130101',
    });
    const { number } = created;

    await signIn('派单员');
    const row = page.getByRole('row').filter({ hasText: number });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    await page.getByRole('combobox', { name: '转办热线' }).click();
    await page.keyboard.type('无锡');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: '转办理由' }).fill('属地不符：事发地在无锡市锡山区');
    await page.getByRole('button', { name: '转办', exact: true }).click();
    await page.getByText('已转办，待对方接收').waitFor();

    await signIn('派单员', 'city-3202');
    const offer = page.getByTestId(`incoming-transfer-${number}`);
    await offer.waitFor({ timeout: 30_000 });
    await shot('dispatcher-incoming-transfer');
    await offer.getByRole('button', { name: '接收' }).click();
    await offer.waitFor({ state: 'detached' });
    // In Wuxi's queue now, under the same number; out of Nanjing's, transferred.
    await page.getByRole('row').filter({ hasText: number }).waitFor({ timeout: 30_000 });
    const nanjing = await platform.api('intake', 'GET', `/v1/requests/${created.id}`, token('agent'));
    expect(nanjing.body).toMatchObject({ status: 'transferred', transferredTo: 'city-3202' });
  }, 2 * STEP);

  it("lets a supervisor approve a unit's extension request and refuse its pause by keyboard, and the unit sees both decisions", async () => {
    const { orderId, number } = await housingOrder('老旧小区外墙脱落', '2 号楼外墙瓷砖脱落，需鉴定后维修。', { name: '吴十', phone: '13600008888' });
    expect((await platform.api('handling', 'POST', `/v1/work-orders/${orderId}/sign`, token('unit-operator:housing'))).status).toBe(200);

    // The unit asks for three more working days and for its clock to stop, in its portal.
    await signIn('承办单位操作员 · housing');
    await open(`unit/${orderId}`);
    await page.locator('#extension-days').waitFor({ timeout: 30_000 });
    await page.locator('#extension-days').fill('3');
    await page.locator('#extension-reason').fill('外墙需第三方安全鉴定');
    await page.locator('#extension-basis').fill('《房屋安全鉴定办法》');
    await page.getByRole('button', { name: '申请延期' }).click();
    await page.getByTestId('order-extensions').getByText('待审批').waitFor();
    await page.locator('#pause-reason').click();
    await page.getByText('等待检验、检测、鉴定结果', { exact: true }).click();
    await page.locator('#pause-note').fill('等待鉴定报告');
    await page.getByRole('button', { name: '申请暂停计时' }).click();
    await page.getByTestId('order-pauses').getByText('待审批').waitFor();
    const dueBefore = await page.getByTestId('clock-due-now').innerText();
    const asked = (await platform.api('handling', 'GET', `/v1/work-orders/${orderId}/extensions`, token('supervisor'))).body as {
      handlingDueAt: string; extensions: Array<{ proposedDueAt: string }>;
    };

    await signIn('督办员');
    await page.getByRole('link', { name: '延期暂停审批' }).click();
    const rows = page.getByTestId('approvals').getByRole('row').filter({ hasText: number });
    const extension = rows.filter({ hasText: '延期申请' });
    const pause = rows.filter({ hasText: '暂停计时' });
    await extension.waitFor({ timeout: 30_000 });
    await pause.waitFor();
    await extension.getByText('外墙需第三方安全鉴定').waitFor();
    await pause.getByText('等待鉴定报告').waitFor();
    await shot('supervisor-approvals');
    // Keyboard: the note, Tab to 批准, Enter.
    await extension.getByRole('textbox').click();
    await page.keyboard.type('同意延期三个工作日');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await extension.waitFor({ state: 'detached' });
    // A refusal needs the note: Tab past 批准 to 驳回, Enter.
    await pause.getByRole('textbox').click();
    await page.keyboard.type('鉴定期间可同步准备维修');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await pause.waitFor({ state: 'detached' });
    expect(await page.locator('.ant-alert-error').count()).toBe(0);

    const decided = (await platform.api('handling', 'GET', `/v1/work-orders/${orderId}/extensions`, token('supervisor'))).body as {
      handlingDueAt: string; extensions: Array<{ status: string; decisionNote: string }>; pauses: Array<{ status: string; decisionNote: string }>;
    };
    expect(decided.extensions).toEqual([expect.objectContaining({ status: 'approved', decisionNote: '同意延期三个工作日' })]);
    expect(decided.pauses).toEqual([expect.objectContaining({ status: 'refused', decisionNote: '鉴定期间可同步准备维修' })]);
    expect(decided.handlingDueAt).toBe(asked.extensions[0]!.proposedDueAt);
    expect(decided.handlingDueAt).not.toBe(asked.handlingDueAt);

    // The unit sees both decisions, with the hotline's notes, and the due moved.
    await signIn('承办单位操作员 · housing');
    await open(`unit/${orderId}`);
    await page.getByTestId('order-extensions').getByText('已批准').waitFor({ timeout: 30_000 });
    await page.getByTestId('order-extensions').getByText('同意延期三个工作日').waitFor();
    await page.getByTestId('order-pauses').getByText('不予暂停').waitFor();
    await page.getByTestId('order-pauses').getByText('鉴定期间可同步准备维修').waitFor();
    await page.getByTestId('clock-due-now').filter({ hasNotText: dueBefore }).waitFor();
  }, 2 * STEP);

  it("lets a unit operator download the request's files and upload and download its own, every download recorded", async () => {
    const { requestId, orderId } = await housingOrder('楼道堆放杂物', '1 单元楼道堆满杂物，存在消防隐患。', { name: '郑十一', phone: '13600009999' });
    // The agent attached the requester's photo (intake: agents and supervisors add to a request).
    const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const attached = await fetch(`${platform.url('intake')}/v1/requests/${requestId}/attachments?filename=${encodeURIComponent('楼道照片.png')}`, {
      method: 'POST', headers: { authorization: `Bearer ${token('agent')}`, 'content-type': 'image/png' }, body: photo,
    });
    expect(attached.status).toBe(201);

    await signIn('承办单位操作员 · housing');
    await open(`unit/${orderId}`);
    // The primary unit reads the request's files once intake knows its code from the dispatch.
    const requestFile = page.getByTestId('request-attachments').getByRole('row').filter({ hasText: '楼道照片.png' });
    await requestFile.waitFor({ timeout: 30_000 });
    const [photoDownload] = await Promise.all([page.waitForEvent('download'), requestFile.getByRole('button', { name: '下载 楼道照片.png' }).click()]);
    expect(photoDownload.suggestedFilename()).toBe('楼道照片.png');
    expect(readFileSync((await photoDownload.path())!)).toEqual(photo);

    // The allowed types and size are the hotline's policy, shown beside the upload.
    await page.getByTestId('attachment-policy').filter({ hasText: /允许的类型：PDF 文档.*单个文件不超过 10 MiB，每单最多 20 个/ }).waitFor();
    const notice = Buffer.from('整改说明：已清理楼道杂物，张贴消防提示。\n');
    await page.locator('input[type=file]').setInputFiles({ name: '整改说明.txt', mimeType: 'text/plain', buffer: notice });
    const ownFile = page.getByTestId('answer-attachments').getByRole('row').filter({ hasText: '整改说明.txt' });
    await ownFile.waitFor();
    await ownFile.getByText('文本文件').waitFor();
    await shot('unit-order-attachments');
    const [noticeDownload] = await Promise.all([page.waitForEvent('download'), ownFile.getByRole('button', { name: '下载 整改说明.txt' }).click()]);
    expect(readFileSync((await noticeDownload.path())!)).toEqual(notice);

    // A file whose bytes are not its declared type is refused, in the user's language.
    await page.locator('input[type=file]').setInputFiles({ name: '伪装.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
    await page.getByRole('alert').filter({ hasText: '文件类型不被接受，或文件内容与其类型不符：文件类型' }).waitFor();
    expect(await page.getByTestId('answer-attachments').getByText('伪装.pdf').count()).toBe(0);

    // Each download is a clear read, recorded where the file is kept, with its purpose.
    const files = (await platform.api('handling', 'GET', `/v1/work-orders/${orderId}/attachments`, token('supervisor'))).body.items as Array<{ id: string; filename: string }>;
    expect(files.map((f) => f.filename)).toEqual(['整改说明.txt']);
    const handlingLog = await platform.api('handling', 'GET', `/v1/pii-access-log?workOrderId=${orderId}`, token('supervisor'));
    expect(handlingLog.body.items).toContainEqual(expect.objectContaining({ subject: `${TENANT}:housing`, purpose: 'handle-request', fields: [`attachment:${files[0]!.id}`] }));
    const intakeLog = await platform.api('intake', 'GET', `/v1/pii-access-log?requestId=${requestId}`, token('supervisor'));
    const [photoRecord] = (await platform.api('intake', 'GET', `/v1/requests/${requestId}/attachments`, token('supervisor'))).body.items as Array<{ id: string }>;
    expect(intakeLog.body.items).toContainEqual(expect.objectContaining({ subject: `${TENANT}:housing`, purpose: 'handle-request', fields: [`attachment:${photoRecord!.id}`] }));
  }, 2 * STEP);

  it("reveals the requester's phone to the unit for a stated purpose (audited), shows the reveals left and the refusal at the cap, and issues a call reference", async () => {
    const { requestId, orderId } = await housingOrder('小区路灯损坏', '8 号楼路灯损坏，需联系诉求人确认位置。', { name: '王十二', phone: '13600007777' });
    const operator = token('unit-operator:housing');
    const contactOf = async () => (await platform.api('intake', 'GET', `/v1/requests/${requestId}/contact`, operator)).body as { phone: string; reveal: { possible: boolean; remainingToday: number } };
    // Once intake knows the unit's code from the dispatch, the unit sees the masked contact.
    const before = await eventually('the masked contact', async () => {
      const c = await contactOf();
      return c?.reveal?.possible ? c : undefined;
    });
    expect(before.phone).toBe('136****7777');

    await signIn('承办单位操作员 · housing');
    await open(`unit/${orderId}`);
    await page.getByTestId('contact-phone').filter({ hasText: '136****7777' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('contact-remaining').filter({ hasText: String(before.reveal.remainingToday) }).waitFor();
    await page.locator('#contact-purpose').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('联系核实诉求').click();
    await page.locator('#contact-note').fill('核实路灯位置');
    await page.getByRole('button', { name: '查看号码（留痕）' }).click();
    await page.getByTestId('contact-phone').filter({ hasText: '13600007777' }).waitFor();
    await page.getByTestId('contact-remaining').filter({ hasText: String(before.reveal.remainingToday - 1) }).waitFor();
    // Audited in intake's access log: who, which unit, the phone alone, why.
    const log = await platform.api('intake', 'GET', `/v1/pii-access-log?requestId=${requestId}&purpose=callback-verify`, token('supervisor'));
    expect(log.body.items).toEqual([expect.objectContaining({ subject: `${TENANT}:housing`, unit: 'housing', fields: ['requester.phone'], purpose: 'callback-verify' })]);

    // The call through the platform: a single-use reference the telephony exchanges for the number.
    await page.getByRole('button', { name: '通过平台外呼' }).click();
    const reference = (await page.getByTestId('call-reference').locator('code').innerText()).trim();
    expect(reference).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const resolved = await platform.api('intake', 'POST', '/v1/call-references/resolution', token('telephony'), { reference });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ phone: '13600007777', requestId });

    // At the day's cap the reveal is refused with the problem's message, and the panel says why.
    const admin = token('tenant-admin');
    const policy = (await platform.api('intake', 'GET', '/v1/contact-policy', admin)).body as { dailyRevealsPerUser: number };
    try {
      // Away to the list and back: the page forgets the phone it showed.
      await open(`unit`);
      await page.getByText('本单位工单').waitFor();
      await open(`unit/${orderId}`);
      const left = before.reveal.remainingToday - 1;
      await page.getByTestId('contact-remaining').filter({ hasText: String(left) }).waitFor({ timeout: 30_000 });
      expect((await platform.api('intake', 'PUT', '/v1/contact-policy', admin, { dailyRevealsPerUser: policy.dailyRevealsPerUser - left })).status).toBe(200);
      await page.locator('#contact-purpose').click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('告知办理结果').click();
      await page.getByRole('button', { name: '查看号码（留痕）' }).click();
      await page.getByRole('alert').filter({ hasText: '今日查看号码次数已用完，可通过平台外呼联系诉求人' }).waitFor();
      await page.getByText('今日查看号码次数已用完', { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: '查看号码（留痕）' }).count()).toBe(0);
      expect(await page.getByTestId('contact-phone').innerText()).toBe('136****7777');
      // Last: the screenshot stops the page's animations, which a dropdown opened after it would wait for.
      await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
      await shot('unit-order-contact');
    } finally {
      await platform.api('intake', 'PUT', '/v1/contact-policy', admin, { dailyRevealsPerUser: policy.dailyRevealsPerUser });
    }
  }, 2 * STEP);

  it('terminates a request on two persons\' word: the agent proposes it on the desk, the proposer may not approve their own, the supervisor approves it by keyboard', async () => {
    const register = (title: string) =>
      registerRequest({
        requester: { name: '郑十一', phone: '13700009999', confidential: false }, title, content: '要求小区门口禁止一切车辆通行，已答复过仍反复来电。', areaCode: '320104', categoryCode: '030603',
      });
    const earlier = await register('小区门口禁行（首次）');
    const repeated = await register('小区门口禁行（重复）');
    const own = await register('小区门口禁行（督办员提议）');
    // The supervisor proposes one themselves: the two-person rule keeps them from approving it.
    expect((await platform.api('intake', 'POST', `/v1/requests/${own.id}/terminations`, token('supervisor'), {
      reasonCode: 'unreasonable-demand', legalRoute: '可依法向区人民政府申请行政复议',
    })).status).toBe(201);

    await signIn('话务员');
    const row = page.locator('tr.ant-table-row', { hasText: repeated.number });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: '提议终结' }).click();
    const form = page.getByTestId(`termination-${repeated.number}`);
    await page.locator(`#termination-reason-${repeated.id}`).click();
    await page.keyboard.type('无新的事实');
    await page.keyboard.press('Enter');
    await page.locator(`#termination-evidence-${repeated.id}`).fill(earlier.number);
    await page.locator(`#termination-route-${repeated.id}`).fill('对处理结果不服的，可依法申请行政复议或提起行政诉讼');
    await page.locator(`#termination-note-${repeated.id}`).fill('已两次答复，无新事实');
    await shot('agent-desk-termination');
    await form.getByRole('button', { name: '提议终结' }).click();
    await form.getByText('终结待审批').waitFor();

    await signIn('督办员');
    await page.getByRole('link', { name: '诉求终结' }).click();
    const rows = page.getByTestId('terminations').getByRole('row');
    const proposal = rows.filter({ hasText: repeated.number });
    const ownProposal = rows.filter({ hasText: own.number });
    await proposal.waitFor({ timeout: 30_000 });
    await proposal.getByText(earlier.number).waitFor();
    await proposal.getByText('已两次答复，无新事实').waitFor();
    await shot('supervisor-terminations');
    await ownProposal.getByRole('button', { name: '批准终结' }).click();
    await page.getByRole('alert').filter({ hasText: '双人审批' }).waitFor();
    // Keyboard: the reason field, Tab to 批准终结, Enter.
    await proposal.getByRole('textbox').click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await proposal.waitFor({ state: 'detached' });
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await ownProposal.waitFor();

    const history = await platform.api('intake', 'GET', `/v1/requests/${repeated.id}/terminations`, token('agent'));
    expect(history.body.items).toEqual([expect.objectContaining({ state: 'approved', reasonCode: 'repeated-no-new-facts', evidenceRequestNumbers: [earlier.number] })]);

    // The requester's lookup shows the 已终结 step (the request may be archived right after).
    const lookup = await browser.newContext(PHONE);
    const p = await lookup.newPage();
    try {
      await p.goto(`${consoleUrl}/#/public/${TENANT}`);
      await p.getByRole('tab', { name: '进度查询' }).click();
      await p.locator('#track-number').fill(repeated.number);
      await p.locator('#track-code').fill(repeated.accessCode);
      await eventually('the 已终结 step', async () => {
        await p.getByRole('button', { name: '查询', exact: true }).click();
        await p.getByTestId('progress').waitFor();
        return (await p.getByTestId('progress').getByText('已终结', { exact: true }).count()) > 0 || undefined;
      });
    } finally {
      await lookup.close();
    }
  }, 2 * STEP);

  it('has no serious accessibility violations on any page it showed, and records the agent desk first load', async () => {
    const fresh = await browser.newContext(DESKTOP);
    const p = await fresh.newPage();
    try {
      await p.goto(`${consoleUrl}/#/`);
      await p.locator('#signin-role').waitFor();
      // Measured in the page (a string: this project compiles without the DOM's types).
      const load = (await p.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource');
        const scripts = resources.filter((r) => r.name.endsWith('.js'));
        return {
          domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
          loadMs: Math.round(nav.loadEventEnd),
          transferredBytes: nav.transferSize + resources.reduce((n, r) => n + r.transferSize, 0),
          scriptBytesDecoded: scripts.reduce((n, r) => n + r.decodedBodySize, 0),
          requests: resources.length + 1,
        };
      })()`)) as { domContentLoadedMs: number; loadMs: number; transferredBytes: number; scriptBytesDecoded: number; requests: number };
      writeFileSync(join(SCREENSHOTS, 'first-load.json'), JSON.stringify({ page: 'sign-in → agent desk bundle (first visit, empty cache, local)', ...load }, null, 2) + '\n');
      expect(load.requests).toBeGreaterThan(1);
    } finally {
      await fresh.close();
    }
    expect(Object.keys(findings).length).toBeGreaterThanOrEqual(10);
    expect(Object.entries(findings).filter(([, v]) => v.length > 0)).toEqual([]);
  });
});
