// The console's pages of issue 16 in a real browser (Debian's Chromium via playwright-core),
// against their own platform started by the README's start command (own databases, ports and
// stream namespace, so this suite runs beside console-browser.int-spec.ts): 回访规则, 统计口径,
// 数据保留 and 持续跟踪. Each test does the page's action by keyboard where it can, checks what
// the service then holds, screenshots the page into docs/console/ and runs axe-core on it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '@hotline/testing';
import { LocalPlatform, ROOT } from '../support/platform';
import { capture, launchChromium, signIn } from './browser';

const run = promisify(execFile);
const TENANT = 'city-3201';
const STEP = 90_000;

/** A civil date in Shanghai (the demo tenant's zone), `days` from today. */
const shanghaiDate = (days = 0) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

describe('console pages of issue 16: revisit rules, rate settings, retention, follow-ups', () => {
  let platform: LocalPlatform;
  let browser: Browser;
  let page: Page;
  let consoleUrl: string;
  const token = (key: string) => platform.tokens()[TENANT]![key]!;
  /** Opens a page by its hash in the same document (the session stays); the menu may fold these pages away. */
  const open = (route: string) => page.evaluate(`location.hash = '#/${route}'`);
  /** Picks an Ant Design select's option by keyboard: focus, type the label, Enter. */
  const choose = async (selector: string, label: string) => {
    await page.locator(selector).click();
    await page.keyboard.type(label);
    await page.locator(`.ant-select-item-option-active[title="${label}"]`).waitFor();
    await page.keyboard.press('Enter');
  };
  const screenshotClean = async (name: string) => {
    // Every dropdown closed (hidden, not mid-animation) before the picture and the accessibility check.
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').first().waitFor({ state: 'detached', timeout: 10_000 });
    expect(await capture(page, name)).toEqual([]);
  };

  beforeAll(async () => {
    await run(process.execPath, ['apps/console/scripts/build.mjs', '--if-stale'], { cwd: ROOT });
    platform = LocalPlatform.launch();
    await platform.waitForOutput(/\[start\] platform ready/);
    consoleUrl = platform.output.match(/ console {4}(http:\/\/\S+)/)![1]!;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.destroy();
  }, 60_000);

  it('回访规则: the admin saves a complaint rule for web channels and sees it apply to complaints by web', async () => {
    await signIn(page, consoleUrl, TENANT, '热线管理员');
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
    await signIn(page, consoleUrl, TENANT, '热线管理员');
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
    await signIn(page, consoleUrl, TENANT, '督办员');
    await open('rate-settings');
    await page.getByTestId('rate-settings-source').filter({ hasText: '本热线口径' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#rate-basically-satisfied').inputValue()).toBe('0.50');
    expect(await page.locator('#rate-basically-satisfied').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '保存统计口径' }).count()).toBe(0);
  }, STEP);

  it('数据保留: the admin saves the retention policy, runs it now and exports a day of the archive', async () => {
    await signIn(page, consoleUrl, TENANT, '热线管理员');
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
    const orderId = await eventually('the hrss order', async () => {
      const orders = await platform.api('handling', 'GET', `/v1/work-orders?requestId=${requestId}`, token('supervisor'));
      return (orders.body.items as Array<{ id: string; unitCode: string }>).find((o) => o.unitCode === 'hrss')?.id;
    });
    const operator = token('unit-operator:hrss');
    expect((await platform.api('handling', 'POST', `/v1/work-orders/${orderId}/sign`, operator)).status).toBe(200);
    expect((await platform.api('handling', 'POST', `/v1/work-orders/${orderId}/answer`, operator, {
      answer: '补贴资金待明年财政预算安排后发放。', basis: '《既有住宅增设电梯补贴办法》', contactRecord: '电话联系诉求人，告知资金安排',
    })).status).toBe(200);
    const review = await eventually('the review', async () => {
      const res = await platform.api('revisit', 'GET', '/v1/reviews?status=pending&limit=200', token('reviewer'));
      return (res.body.items as Array<{ id: string; workOrderId: string }>).find((r) => r.workOrderId === orderId);
    });
    expect((await platform.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, token('reviewer'), { passed: true })).status).toBe(200);
    await eventually('awaiting its revisit', async () => {
      const res = await platform.api('revisit', 'GET', '/v1/revisits/pending?limit=200', token('agent'));
      return (res.body.items as Array<{ requestId: string }>).some((r) => r.requestId === requestId) || undefined;
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
    await signIn(page, consoleUrl, TENANT, '承办单位操作员 · hrss');
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
    await signIn(page, consoleUrl, TENANT, '复核员');
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
});
