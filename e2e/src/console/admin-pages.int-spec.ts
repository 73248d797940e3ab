// The console's pages of issue 16 in a real browser (Debian's Chromium via playwright-core),
// against their own platform started by the README's start command (own databases, ports and
// stream namespace, so this suite runs beside console-browser.int-spec.ts): 回访规则, 统计口径,
// 数据保留 and 持续跟踪. Each test does the page's action by keyboard where it can, checks what
// the service then holds, screenshots the page into docs/console/ and runs axe-core on it.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { eventually } from '@hotline/testing';
import type { LocalPlatform } from '../support/platform';
import { consoleSuite, DEMO_TENANT as TENANT } from './harness';

const STEP = 90_000;

/** A civil date in Shanghai (the demo tenant's zone), `days` from today. */
const shanghaiDate = (days = 0) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

describe('console pages of issue 16: revisit rules, rate settings, retention, follow-ups', () => {
  let platform: LocalPlatform;
  let page: Page;
  const { token, signIn, open, choose, chooseFirst, screenshotClean, orderOf, answerAndPass } = consoleSuite({ ready: (s) => ({ platform, page } = s) });

  it('回访规则: the admin saves a complaint rule for web channels and sees it apply to complaints by web', async () => {
    await signIn('热线管理员');
    await open('sampling-rules');
    const rules = page.getByTestId('sampling-rules');
    // The demo seeds a rule for every type (30 %) and one for complaints (100 %, 48 h).
    await rules.getByRole('row').filter({ hasText: '投诉' }).waitFor({ timeout: 30_000 });
    const applies = page.getByTestId('rule-applies');
    await applies.filter({ hasText: '投诉 × 全部渠道' }).waitFor();

    await choose('#rule-type', '投诉');
    await choose('#rule-kind', '网站');
    await page.locator('#rule-percent').fill('40');
    await page.locator('#rule-window').fill('24');
    await page.locator('#rule-attempts').fill('2');
    await page.getByRole('checkbox', { name: '短信回访' }).uncheck();
    await page.getByRole('radio', { name: '匿名诉求由热线自行核查' }).check();
    await choose('#rule-default-satisfaction', '满意');
    await choose('#rule-default-resolution', '解决');
    // Keyboard: Enter in a field saves the rule.
    await page.locator('#rule-attempts').press('Enter');

    await rules.getByRole('row').filter({ hasText: '网站' }).filter({ hasText: '40%' }).waitFor();
    // The finder now shows a complaint by web: the new rule applies, the complaint rule is overridden.
    await applies.filter({ hasText: '投诉 × 网站' }).filter({ hasText: '抽样 40%，24 小时内最多 2 次，电话回访、网上评价' }).waitFor();
    await page.getByTestId('rule-finder').getByText('被更具体的规则取代').first().waitFor();
    const stored = await platform.api('revisit', 'GET', '/v1/sampling-policies', token('tenant-admin'));
    expect(stored.body.items).toContainEqual(
      expect.objectContaining({
        requestType: 'complaint', channelKind: 'web', samplePercent: 40, windowHours: 24, maxAttempts: 2,
        methods: ['phone', 'online'], anonymous: 'hotline-check', defaultSatisfaction: 'satisfied', defaultResolution: 'resolved',
      }),
    );
    // A complaint by phone still gets the complaint rule for every channel.
    await choose('#finder-kind', '电话');
    await applies.filter({ hasText: '投诉 × 全部渠道' }).waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('admin-sampling-rules');
  }, STEP);

  it('统计口径: the admin saves how the rates are computed, the rates report it, the supervisor reads it', async () => {
    await signIn('热线管理员');
    await open('rate-settings');
    await page.getByTestId('rate-settings-source').filter({ hasText: '平台默认口径' }).waitFor({ timeout: 30_000 });
    await page.locator('#rate-basically-satisfied').fill('0.5');
    await page.locator('#rate-partly-resolved').fill('0.25');
    // Keyboard: Tab to the switch, Space turns it; Enter in a number field saves.
    await page.locator('#rate-exclude-terminated').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('rate-exclude-terminated-state').filter({ hasText: '计入' }).waitFor();
    await page.getByTestId('rate-formulas').getByText('（满意 + 0.5 × 基本满意）÷ 有效参评').waitFor();
    await page.locator('#rate-partly-resolved').press('Enter');
    await page.getByTestId('rate-settings-source').filter({ hasText: '本热线口径' }).waitFor();

    const stored = await platform.api('analytics', 'GET', '/v1/rate-settings', token('tenant-admin'));
    expect(stored.body).toMatchObject({ basicallySatisfiedWeight: 0.5, partlyResolvedWeight: 0.25, excludeTerminated: false, excludeUnreasonableEvaluations: true, isDefault: false });
    const rates = await platform.api('analytics', 'GET', '/v1/metrics/rates?groupBy=unit', token('supervisor'));
    expect(rates.body.basis).toMatchObject({ basicallySatisfiedWeight: 0.5, partlyResolvedWeight: 0.25, excludeTerminated: false });
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('admin-rate-settings');

    // The supervisor reads the settings; only the admin may change them.
    await signIn('督办员');
    await open('rate-settings');
    await page.getByTestId('rate-settings-source').filter({ hasText: '本热线口径' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#rate-basically-satisfied').inputValue()).toBe('0.50');
    expect(await page.locator('#rate-basically-satisfied').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '保存统计口径' }).count()).toBe(0);
  }, STEP);

  it('数据保留: the admin saves the retention policy, runs it now and exports a day of the archive', async () => {
    await signIn('热线管理员');
    await open('retention');
    await page.getByTestId('retention-policy-source').filter({ hasText: '平台默认' }).waitFor({ timeout: 30_000 });
    await page.locator('#retention-years').fill('30');
    await page.locator('#retention-free-text').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('retention-free-text-state').filter({ hasText: '保留' }).waitFor();
    await page.getByRole('button', { name: '保存保留策略' }).click();
    await page.getByTestId('retention-policy-source').filter({ hasText: '本热线策略' }).waitFor();
    const policy = await platform.api('revisit', 'GET', '/v1/retention-policy', token('tenant-admin'));
    expect(policy.body).toMatchObject({ closedRequestYears: 30, anonymiseIdentity: true, anonymiseFreeText: false, configured: true });

    // Run now: the confirmation's 执行 has the focus, Enter runs it.
    await page.getByRole('button', { name: '立即执行' }).click();
    await page.getByRole('button', { name: '执行', exact: true }).waitFor();
    await page.keyboard.press('Enter');
    const runRow = page.getByTestId('retention-runs').getByRole('row').filter({ hasText: '手动发起' });
    await runRow.filter({ hasText: '已完成' }).waitFor();
    await runRow.getByText('30 年 · 身份信息').waitFor();
    const runs = await platform.api('revisit', 'GET', '/v1/retention/runs', token('tenant-admin'));
    expect(runs.body.items[0]).toMatchObject({ trigger: 'on-demand', status: 'completed', policy: { closedRequestYears: 30, anonymiseFreeText: false }, requestedBy: `${TENANT}:tenant-admin` });

    // A period that ends before it starts: the service's 400 names the field, in the user's language.
    const today = shanghaiDate();
    await page.locator('#export-from').fill(shanghaiDate(1));
    await page.locator('#export-to').fill(today);
    await page.getByRole('button', { name: '导出归档' }).click();
    await page.getByRole('alert').filter({ hasText: '请检查填写的内容：起始日期' }).waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'Export archive' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please check the fields: From' }).waitFor();
    await page.getByText('中文', { exact: true }).click();

    // Today's archive, fetched with the session's token and saved as a file.
    await page.locator('#export-from').fill(today);
    await page.locator('#export-to').fill(today);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出归档' }).click()]);
    expect(download.suggestedFilename()).toBe(`archive-${TENANT}-${today}-${today}.ndjson`);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; count?: number });
    expect(lines[0]).toMatchObject({ kind: 'export', from: today, to: today });
    expect(lines.at(-1)).toEqual(expect.objectContaining({ kind: 'end', count: lines.length - 2 }));
    await page.getByTestId('export-lines').filter({ hasText: `已导出 ${lines.length - 2} 条记录` }).waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('admin-retention');
  }, STEP);

  it('持续跟踪: the unit reports progress on its follow-up, the reviewer revisits it and sets the next date', async () => {
    // A complaint for hrss, answered and passed in 复核, closed by the reviewer into a follow-up.
    const created = await platform.api('intake', 'POST', '/v1/requests', token('agent'), {
      channel: 'phone', requester: { name: '孙八', phone: '13600005555' }, title: '加装电梯补贴未发放', content: '申请的加装电梯补贴一年未发放',
      areaCode: '320104', requestType: 'complaint', urgency: 'normal', categoryCode: '080101', scope: { decision: 'in-scope' },
    });
    expect(created.status).toBe(201);
    const requestId = created.body.id as string;
    const number = created.body.number as string;
    const orderId = await orderOf(requestId, 'hrss');
    await answerAndPass({ requestId, orderId, unitCode: 'hrss' }, {
      answer: '补贴资金待明年财政预算安排后发放。', basis: '《既有住宅增设电梯补贴办法》', contactRecord: '电话联系诉求人，告知资金安排',
    });
    const firstDate = shanghaiDate(7);
    const made = await platform.api('revisit', 'POST', '/v1/follow-ups', token('reviewer'), {
      requestId, reason: 'funding', followUpOn: firstDate, note: '补贴待财政资金到位，持续跟踪',
    });
    expect(made.status).toBe(201);
    const followUpId = made.body.followUp.id as string;
    await eventually('the follow-up knows its unit', async () => {
      const res = await platform.api('revisit', 'GET', `/v1/follow-ups/${followUpId}`, token('reviewer'));
      return res.body.unitCode === 'hrss' || undefined;
    });

    // The unit reports its progress before the date.
    await signIn('承办单位操作员 · hrss');
    await open('follow-ups');
    const row = page.getByTestId('follow-ups').getByRole('row').filter({ hasText: number });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('持续跟踪中').waitFor();
    await row.getByRole('button', { name: '报告进展' }).click();
    await page.locator(`#follow-up-progress-${followUpId}`).fill('资金已列入下年度预算，预计三月发放');
    await screenshotClean('unit-follow-ups');
    await page.getByRole('button', { name: '报告进展', exact: true }).last().click();
    await page.getByTestId(`follow-up-state-${followUpId}`).filter({ hasText: '待热线回访' }).waitFor();

    // The reviewer revisits: partly resolved, followed up again in a month (keyboard: Tab through, Enter).
    await signIn('复核员');
    await open('follow-ups');
    await choose('[aria-label="按跟踪状态筛选"]', '待热线回访');
    const reported = page.getByTestId('follow-ups').getByRole('row').filter({ hasText: number });
    await reported.waitFor({ timeout: 30_000 });
    await reported.getByRole('button', { name: '回访' }).click();
    const nextDate = shanghaiDate(30);
    await page.locator(`#follow-up-note-${followUpId}`).fill('诉求人知悉资金安排，仍待发放');
    await choose(`#follow-up-resolution-${followUpId}`, '部分解决');
    await choose(`#follow-up-satisfaction-${followUpId}`, '基本满意');
    await page.locator(`#follow-up-next-${followUpId}`).fill(nextDate);
    await page.getByTestId(`follow-up-history-${followUpId}`).getByText('资金已列入下年度预算，预计三月发放').waitFor();
    await screenshotClean('reviewer-follow-ups');
    await page.getByRole('button', { name: '记录回访并继续跟踪' }).click();
    // Filtered on 待热线回访, the row leaves the list once it is scheduled again.
    await reported.waitFor({ state: 'detached' });
    expect(await page.locator('.ant-alert-error').count()).toBe(0);

    const after = await platform.api('revisit', 'GET', `/v1/follow-ups/${followUpId}`, token('reviewer'));
    expect(after.body).toMatchObject({ state: 'scheduled', dueOn: nextDate, round: 2 });
    expect((after.body.history as Array<{ state: string }>).map((h) => h.state)).toEqual(['scheduled', 'reported', 'scheduled']);
    expect(after.body.history[2]).toMatchObject({ resolution: 'partly-resolved', satisfaction: 'basically-satisfied', note: '诉求人知悉资金安排，仍待发放' });
  }, 3 * STEP);

  describe('settings pages of issue 16: taxonomy, units, time limits, calendar, channels, transfer lists, knowledge base', () => {
    it('分类体系: the admin opens the tree level by level, exports it, and publishes a CSV that retires a code a request carries', async () => {
      const created = await platform.api('intake', 'POST', '/v1/requests', token('agent'), {
        channel: 'phone', requester: { name: '周九', phone: '13700006666' }, title: '科技服务平台无法登录', content: '市科技服务平台登录后一直报错',
        areaCode: '320104', requestType: 'help', urgency: 'normal', categoryCode: '010103', scope: { decision: 'in-scope' },
      });
      expect(created.status).toBe(201);
      await signIn('热线管理员');
      await open('taxonomy');
      const tree = page.getByTestId('taxonomy-tree');
      await tree.getByText('01 科教文体').waitFor({ timeout: 30_000 });
      const version = Number(/\d+/.exec(await page.getByTestId('taxonomy-version').innerText())![0]);
      // Each level is asked of intake when it is opened.
      await tree.locator('.ant-tree-treenode', { hasText: '01 科教文体' }).locator('.ant-tree-switcher').click();
      await tree.locator('.ant-tree-treenode', { hasText: '0101 科技事务' }).locator('.ant-tree-switcher').click();
      await tree.getByText('010103 信息技术').waitFor();

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`taxonomy-v${version}.csv`);
      const exported = readFileSync((await download.path())!, 'utf8').trim().split('\n');
      expect(exported[0]).toBe('code,name,parentCode,level');
      expect(exported).toContain('010103,信息技术,0101,3');
      const next = [...exported.filter((l) => !l.startsWith('010103,')), '010104,人工智能,0101,3'].join('\n');
      await page.locator('input[type=file]').setInputFiles({ name: 'taxonomy-next.csv', mimeType: 'text/csv', buffer: Buffer.from(next) });
      // Before publishing: the code it retires; after: the request still under it.
      await page.getByTestId('taxonomy-draft-retired').filter({ hasText: '010103' }).waitFor();
      await page.getByRole('button', { name: '发布为新版本' }).click();
      const retired = page.getByTestId('taxonomy-retired').getByRole('row').filter({ hasText: '010103' });
      await retired.waitFor();
      expect(await retired.innerText()).toMatch(/010103\s+1\b/);
      await page.getByTestId('taxonomy-version').filter({ hasText: `第 ${version + 1} 版` }).waitFor();
      const children = await platform.api('intake', 'GET', '/v1/categories?parent=0101&limit=200', token('tenant-admin'));
      expect(children.body.version).toBe(version + 1);
      const codes = (children.body.items as Array<{ code: string }>).map((c) => c.code);
      expect(codes).toContain('010104');
      expect(codes).not.toContain('010103');
      await tree.getByText('01 科教文体').waitFor();
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      await screenshotClean('admin-taxonomy');
    }, STEP);

    it('承办单位: the admin registers a unit under the city, sees it in the tree, is told a code is taken, deactivates and reactivates it, and filters by area', async () => {
      await signIn('热线管理员');
      await open('units');
      const units = page.getByTestId('units');
      await units.getByText('南京市人民政府').waitFor({ timeout: 30_000 });
      await page.locator('#unit-code').fill('metro');
      await page.locator('#unit-name').fill('南京市地铁集团');
      await chooseFirst('#unit-parent', 'city-gov');
      await choose('#unit-level', '职能部门');
      await page.locator('#unit-areas').fill('320102, 320104');
      await page.locator('#unit-areas').press('Enter');
      await units.getByRole('row').filter({ hasText: '南京市地铁集团' }).filter({ hasText: '320104' }).waitFor();
      const stored = await platform.api('dispatch', 'GET', '/v1/units', token('tenant-admin'));
      const items = stored.body.items as Array<{ id: string; code: string }>;
      expect(items.find((u) => u.code === 'metro')).toMatchObject({
        name: '南京市地铁集团', parentId: items.find((u) => u.code === 'city-gov')!.id, level: 'department', areaCodes: ['320102', '320104'],
      });

      // The same code again: the service's 409, said as what it means.
      await page.locator('#unit-code').fill('metro');
      await page.locator('#unit-name').fill('地铁集团（重复）');
      await page.locator('#unit-areas').fill('320102');
      await page.locator('#unit-areas').press('Enter');
      await page.getByRole('alert').filter({ hasText: '该单位代码已被使用' }).waitFor();

      // Editing (PATCH /v1/units/{id}), before the screenshot (which stops the dropdowns'
      // animations): the city under metro would be a cycle, said in Chinese by field; a rename
      // and another area are saved.
      await units.getByRole('button', { name: '编辑 南京市人民政府' }).click();
      await chooseFirst('#unit-edit-parent', 'metro');
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.getByText('上级单位不能是本单位或其下级单位（会形成循环）').waitFor();
      await page.getByRole('button', { name: '取消' }).click();
      await units.getByRole('button', { name: '编辑 南京市地铁集团' }).click();
      await page.locator('#unit-edit-name').fill('南京地铁集团有限公司');
      await page.locator('#unit-edit-areas').fill('320102, 320104, 320106');
      await page.getByRole('button', { name: '保存修改' }).click();
      await units.getByRole('row').filter({ hasText: '南京地铁集团有限公司' }).filter({ hasText: '320106' }).waitFor();
      const edited = (await platform.api('dispatch', 'GET', '/v1/units', token('tenant-admin'))).body.items as Array<{ code: string; name: string; parentId: string | null; areaCodes: string[] }>;
      expect(edited.find((u) => u.code === 'metro')).toMatchObject({ name: '南京地铁集团有限公司', areaCodes: ['320102', '320104', '320106'] });
      expect(edited.find((u) => u.code === 'city-gov')?.parentId).toBeNull();

      // Deactivated after a confirmation (PATCH active: false: no new work, its open orders go on),
      // then reactivated the same way; both before the screenshot, which stops the dialogs' animations.
      const dialog = page.getByRole('dialog');
      const activeOf = async (code: string) =>
        ((await platform.api('dispatch', 'GET', '/v1/units', token('tenant-admin'))).body.items as Array<{ code: string; active: boolean }>).find((u) => u.code === code)?.active;
      await units.getByRole('button', { name: '停用 南京地铁集团有限公司' }).click();
      await dialog.locator('.ant-modal-confirm-title', { hasText: '停用 南京地铁集团有限公司？' }).waitFor();
      await dialog.getByText('已有工单照常办理').waitFor();
      await dialog.getByRole('button', { name: '停用' }).click();
      await page.getByTestId('unit-state-metro').filter({ hasText: '已停用' }).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      expect(await activeOf('metro')).toBe(false);
      expect(await activeOf('city-gov')).toBe(true);
      await units.getByRole('button', { name: '启用 南京地铁集团有限公司' }).click();
      await dialog.locator('.ant-modal-confirm-title', { hasText: '启用 南京地铁集团有限公司？' }).waitFor();
      await dialog.getByRole('button', { name: '启用' }).click();
      await page.getByTestId('unit-state-metro').filter({ hasText: /^启用$/ }).waitFor();
      await dialog.waitFor({ state: 'hidden' });
      expect(await activeOf('metro')).toBe(true);
      // The one error shown is still the taken code's, in the register form: neither change failed.
      expect(await page.locator('.ant-alert-error').allInnerTexts()).toEqual([expect.stringContaining('该单位代码已被使用')]);
      await screenshotClean('admin-units');

      // Filtered on the server: metro does not cover 320105.
      await page.locator('#units-area').fill('320105');
      await page.locator('#units-area').press('Enter');
      await units.getByRole('row').filter({ hasText: '南京地铁集团有限公司' }).waitFor({ state: 'detached' });
      await units.getByText('南京市人民政府').waitFor();
    }, STEP);

    it('办理时限: the admin changes a complaint’s handling limit and its counting, puts a pair back to the default, and saves the table', async () => {
      await signIn('热线管理员');
      await open('time-limits');
      await page.getByTestId('limit-source-complaint-normal').waitFor({ timeout: 30_000 });
      await page.locator('#limit-complaint-normal-handle-amount').fill('12');
      await choose('#limit-complaint-normal-handle-counting', '含本数（自收到之日起）');
      await page.getByRole('button', { name: '恢复默认：表扬 · 紧急' }).click();
      await page.getByTestId('limit-source-praise-urgent').getByText('国家默认').waitFor();
      await page.getByRole('button', { name: '保存办理时限' }).click();
      await page.getByTestId('limit-source-complaint-normal').getByText('默认: 1 工作日 / 15 工作日').waitFor();
      await page.getByRole('button', { name: '保存办理时限' }).and(page.locator('[disabled]')).waitFor();

      const stored = await platform.api('handling', 'GET', '/v1/time-limits', token('supervisor'));
      const rows = stored.body.items as Array<{ requestType: string; urgency: string }>;
      expect(rows.find((r) => r.requestType === 'complaint' && r.urgency === 'normal')).toEqual({
        requestType: 'complaint', urgency: 'normal', signFor: { unit: 'working-days', amount: 1 }, handling: { unit: 'working-days', amount: 12, counting: 'from-receipt' }, source: 'tenant',
      });
      expect(rows.find((r) => r.requestType === 'praise' && r.urgency === 'urgent')).toMatchObject({ source: 'default', signFor: { unit: 'calendar-minutes', amount: 30 } });
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      await screenshotClean('admin-time-limits');
    }, STEP);

    it('工作日历: the admin loads 2027, the year the calendar lacks; the month view shows its New Year holiday and make-up Saturday', async () => {
      const before = await platform.api('handling', 'GET', '/v1/calendar/status', token('tenant-admin'));
      expect(before.body.missingYears).toContain(2027);
      await signIn('热线管理员');
      await open('calendar');
      await page.getByTestId('calendar-years').getByRole('row').filter({ hasText: '2026' }).waitFor({ timeout: 30_000 });
      await page.locator('#year-year').fill('2027');
      await page.locator('#year-notice').fill('国办发明电〔2026〕测试');
      await page.locator('#period-0-name').fill('元旦');
      await page.locator('#period-0-from').fill('2027-01-01');
      await page.locator('#period-0-to').fill('2027-01-03');
      await page.locator('#period-0-makeup').fill('2027-01-09');
      await page.getByRole('button', { name: '加载该年份' }).click();
      await page.getByTestId('calendar-loaded').waitFor();
      await page.getByTestId('calendar-years').getByRole('row').filter({ hasText: '2027' }).filter({ hasText: '本热线加载' }).waitFor();
      // The month view turns to January 2027, as handling now counts it.
      await page.getByTestId('day-mark-2027-01-01').filter({ hasText: '休' }).waitFor();
      await page.getByTestId('day-mark-2027-01-09').filter({ hasText: '班' }).waitFor();
      // The holiday's name, as the year was loaded.
      await page.getByTestId('day-name-2027-01-01').filter({ hasText: '元旦' }).waitFor();
      expect(await page.locator('td[data-date="2027-01-09"]').getAttribute('title')).toContain('元旦');
      expect(await page.locator('td[data-date="2027-01-04"]').getAttribute('data-working')).toBe('true');
      expect(await page.locator('td[data-date="2027-01-02"]').getAttribute('data-working')).toBe('false');

      const after = await platform.api('handling', 'GET', '/v1/calendar/status', token('tenant-admin'));
      expect(after.body.years).toContainEqual(expect.objectContaining({ year: 2027, source: 'tenant', notice: '国办发明电〔2026〕测试', holidays: 1 }));
      expect(after.body.missingYears).not.toContain(2027);
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      await screenshotClean('admin-calendar');
    }, STEP);

    it('受理渠道: the admin adds an enabled and a disabled channel; the enabled filter is the server’s', async () => {
      await signIn('热线管理员');
      await open('channels');
      const channels = page.getByTestId('channels');
      await channels.getByRole('row').filter({ hasText: '网上诉求平台' }).waitFor({ timeout: 30_000 });
      await page.locator('#channel-code').fill('miniapp');
      await page.locator('#channel-name').fill('12345 微信小程序');
      await choose('#channel-kind', '移动应用');
      await page.locator('#channel-name').press('Enter');
      await channels.getByRole('row').filter({ hasText: '12345 微信小程序' }).filter({ hasText: '启用' }).waitFor();
      await page.locator('#channel-code').fill('mailbox');
      await page.locator('#channel-name').fill('市长信箱');
      await choose('#channel-kind', '邮件/信箱');
      await page.locator('#channel-enabled').focus();
      await page.keyboard.press('Space');
      await page.getByTestId('channel-enabled-state').filter({ hasText: '停用' }).waitFor();
      await page.getByRole('button', { name: '添加渠道', exact: true }).click();
      await channels.getByRole('row').filter({ hasText: '市长信箱' }).filter({ hasText: '停用' }).waitFor();
      const stored = await platform.api('intake', 'GET', '/v1/channels', token('tenant-admin'));
      expect(stored.body.items).toContainEqual(expect.objectContaining({ code: 'miniapp', name: '12345 微信小程序', kind: 'mobile-app', enabled: true }));
      expect(stored.body.items).toContainEqual(expect.objectContaining({ code: 'mailbox', kind: 'email', enabled: false }));
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      await screenshotClean('admin-channels');
      await page.getByText('仅启用', { exact: true }).click();
      await channels.getByRole('row').filter({ hasText: '市长信箱' }).waitFor({ state: 'detached' });
      await channels.getByRole('row').filter({ hasText: '12345 微信小程序' }).waitFor();

      // Switched off in its row (PATCH /v1/channels/{code}): it leaves the enabled list.
      await page.getByRole('switch', { name: '启用渠道 12345 微信小程序' }).click();
      await channels.getByRole('row').filter({ hasText: '12345 微信小程序' }).waitFor({ state: 'detached' });
      await page.getByText('全部', { exact: true }).click();
      await page.getByTestId('channel-state-miniapp').filter({ hasText: '停用' }).waitFor();
      const switched = await platform.api('intake', 'GET', '/v1/channels', token('tenant-admin'));
      expect(switched.body.items).toContainEqual(expect.objectContaining({ code: 'miniapp', enabled: false }));
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
    }, STEP);

    it('转办清单: the admin adds a 12345→110 item and saves the outgoing list whole', async () => {
      await signIn('热线管理员');
      await open('transfer-lists');
      await page.getByTestId('transfer-list').waitFor({ timeout: 30_000 });
      const before = await platform.api('intake', 'GET', '/v1/linkage/transfer-list?direction=outgoing', token('tenant-admin'));
      await choose('#transfer-counterpart', '110 报警服务台');
      await page.locator('#transfer-code').fill('T9-01');
      await page.locator('#transfer-class').fill('刑事类');
      await page.locator('#transfer-item').fill('持械威胁');
      await page.locator('#transfer-keywords').fill('持刀, 持械');
      await page.locator('#transfer-keywords').press('Enter');
      await page.getByTestId('transfer-list').getByRole('row').filter({ hasText: 'T9-01' }).filter({ hasText: '持刀、持械' }).waitFor();
      await page.getByTestId('transfer-unsaved').waitFor();
      await page.getByRole('button', { name: '保存清单' }).click();
      await page.getByTestId('transfer-unsaved').waitFor({ state: 'detached' });
      const after = await platform.api('intake', 'GET', '/v1/linkage/transfer-list?direction=outgoing', token('tenant-admin'));
      expect(after.body.items).toHaveLength(before.body.items.length + 1);
      expect(after.body.items).toContainEqual({ direction: 'outgoing', counterpart: '110', code: 'T9-01', className: '刑事类', itemName: '持械威胁', categoryCodes: [], keywords: ['持刀', '持械'] });
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      await screenshotClean('admin-transfer-lists');
    }, STEP);

    it('知识库: the supervisor writes an article and may not approve it (403 in either language); the reviewer publishes it and finds it', async () => {
      const title = '居住证办理需要哪些材料';
      await signIn('督办员');
      await open('knowledge');
      await page.getByRole('tab', { name: '撰写' }).click();
      await page.locator('#kb-category').fill('公安/户籍管理');
      await page.locator('#kb-unit').fill('南京市公安局');
      await page.locator('#kb-title').fill(title);
      await page.locator('#kb-content').fill('申领居住证须提交居民身份证、近期照片及居住证明（房屋租赁合同、房屋产权证明或就业、就读证明）。');
      await page.locator('#kb-keywords').fill('居住证, 办理材料');
      await page.locator('#kb-source').fill('《居住证暂行条例》');
      await page.getByRole('button', { name: '提交审核' }).click();
      await page.getByRole('tab', { name: '审核' }).click();
      const row = page.getByTestId('kb-review-queue').getByRole('row').filter({ hasText: title });
      await row.getByText('本人撰写：须由他人审核').waitFor({ timeout: 30_000 });
      await row.getByRole('button', { name: `通过并发布：${title}` }).click();
      await page.getByRole('alert').filter({ hasText: '不能审核自己撰写的版本，须由其他审核人审核' }).waitFor();
      await page.getByText('English', { exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'You wrote this version: another reviewer decides it' }).waitFor();
      await page.getByText('中文', { exact: true }).click();
      await screenshotClean('supervisor-knowledge-own-version');
      const inReview = await platform.api('intake', 'GET', '/v1/knowledge/articles?status=in-review&limit=200', token('supervisor'));
      const written = (inReview.body.items as Array<{ articleId: string; title: string }>).find((v) => v.title === title)!;
      expect(written).toMatchObject({ version: 1, status: 'in-review', submittedBy: `${TENANT}:supervisor` });

      await signIn('复核员');
      await open('knowledge');
      await page.getByRole('tab', { name: '审核' }).click();
      const queued = page.getByTestId('kb-review-queue').getByRole('row').filter({ hasText: title });
      await queued.waitFor({ timeout: 30_000 });
      await queued.getByRole('textbox', { name: `审核意见：${title}` }).fill('依据现行条例，内容准确');
      await queued.getByRole('button', { name: `通过并发布：${title}` }).click();
      await queued.waitFor({ state: 'detached' });
      const article = await platform.api('intake', 'GET', `/v1/knowledge/articles/${written.articleId}`, token('reviewer'));
      expect(article.body).toMatchObject({ publishedVersion: 1 });
      expect(article.body.versions[0]).toMatchObject({ status: 'published', reviewedBy: `${TENANT}:reviewer`, reviewNote: '依据现行条例，内容准确' });
      // Published, it is found by the agents' search.
      await page.getByRole('tab', { name: '文章' }).click();
      await page.locator('#kb-search').fill('居住证 材料');
      await page.locator('#kb-search').press('Enter');
      await page.getByTestId('kb-hits').getByRole('row').filter({ hasText: title }).waitFor();
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      await screenshotClean('reviewer-knowledge');
    }, STEP);

    it('知识库导入: the admin imports a CSV of three articles; the bad row is reported by number and field, the others wait for review', async () => {
      const header = 'category,title,content,issuingUnit,materialKind,sourceDocument,keywords,validFrom,validUntil';
      const csv = [
        header,
        '城乡建设/物业管理,物业维修资金如何申请使用,业主大会决定后向区住房保障部门申请。,南京市住房保障和房产局,办事指南,,"维修资金,物业",2026-01-01,',
        '城乡建设/物业管理,电梯维保投诉渠道,可向市场监管部门投诉。,南京市市场监督管理局,未知类型,,电梯,2026-01-01,',
        '交通运输/公共交通,公交卡挂失办理,持身份证到公交卡服务网点办理挂失。,南京市交通运输局,日常咨询类,,"公交卡,挂失",2026-01-01,',
      ].join('\n');
      await signIn('热线管理员');
      await open('knowledge');
      await page.getByRole('tab', { name: '导入' }).click();
      await page.locator('input[type=file]').setInputFiles({ name: 'kb-import.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      const summary = page.getByTestId('kb-import-summary');
      await summary.waitFor({ timeout: 30_000 });
      expect(await summary.innerText()).toMatch(/已导入（待审核）\s+2[\s\S]*有误\s+1/);
      const bad = page.getByTestId('kb-import-errors').getByRole('row').filter({ hasText: '材料性质' });
      await bad.waitFor();
      expect(await bad.innerText()).toMatch(/^2\s/);
      const inReview = await platform.api('intake', 'GET', '/v1/knowledge/articles?status=in-review&limit=200', token('tenant-admin'));
      const titles = (inReview.body.items as Array<{ title: string }>).map((v) => v.title);
      expect(titles).toEqual(expect.arrayContaining(['物业维修资金如何申请使用', '公交卡挂失办理']));
      expect(titles).not.toContain('电梯维保投诉渠道');
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      await screenshotClean('admin-knowledge-import');
    }, STEP);
  });
});
