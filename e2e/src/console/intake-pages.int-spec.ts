// The console's pages for intake's issue-14 APIs in a real browser (Debian's Chromium via
// playwright-core), against their own platform started by the README's start command (own
// databases, ports and stream namespace, so this suite runs beside the other console suites):
// 网上诉求, 漏接回拨, 话务统计 and 受理设置. Each test does the page's work by keyboard, checks what
// the service then holds, screenshots the page into docs/console/ and runs axe-core on it.
import type { Page } from 'playwright-core';
import { eventually } from '@hotline/testing';
import type { LocalPlatform } from '../support/platform';
import { consoleSuite, DEMO_TENANT as TENANT } from './harness';

const STEP = 90_000;
/** The short online limit the admin sets, so the clock's colours show within the test. */
const LIMIT_S = 30;
const WARNING_S = 10;
/** Seconds between the submission that goes red and the one that is to be yellow beside it. */
const APART_S = 12;
const QUEUE = 'console-e2e';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The civil date of an instant in Shanghai (the demo tenant's zone). */
const shanghaiDay = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(at);

describe('console pages of issue 14: online queue, callbacks, call rates, intake settings', () => {
  let platform: LocalPlatform;
  let page: Page;
  // The agents' browsers are in the hotline's zone: the pages' "today" is the tenant's day.
  const { token, signIn, open, screenshotClean } = consoleSuite({ context: { timezoneId: 'Asia/Shanghai' }, ready: (s) => ({ platform, page } = s) });
  /** Walks the list with ↓ from its first row until the row `key` has the focus (the keyboard's way down a queue). */
  const arrowTo = async (key: string) => {
    await page.locator('tbody tr[data-row-key][tabindex="0"]').first().focus();
    for (let i = 0; i < 50; i++) {
      if ((await page.evaluate('document.activeElement?.getAttribute("data-row-key")')) === key) return;
      await page.keyboard.press('ArrowDown');
    }
    throw new Error(`row ${key} never took the focus`);
  };
  const submitOnline = async (title: string, content: string) => {
    const res = await platform.api('intake', 'POST', `/v1/public/${TENANT}/requests`, undefined, {
      requester: { name: '钱七', phone: '13600007777' }, title, content, areaCode: '320104', requestType: 'complaint', categoryCode: '030603',
    });
    expect(res.status).toBe(201);
    const number = res.body.number as string;
    const queue = await platform.api('intake', 'GET', '/v1/online-queue?limit=200', token('agent'));
    const item = (queue.body.items as Array<{ requestId: string; number: string }>).find((i) => i.number === number)!;
    expect(item).toBeDefined();
    return { number, requestId: item.requestId };
  };

  it('网上诉求: the agent decides a submission in scope by keyboard; with a short limit the clocks turn yellow and red', async () => {
    // The admin shortens the online response limit in 受理设置 (Enter in a field saves).
    await signIn('热线管理员');
    await open('intake-settings');
    await page.getByTestId('intake-policy-source').filter({ hasText: '平台默认' }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(`document.querySelector('#intake-response-seconds')?.value === '180'`);
    await page.locator('#intake-response-seconds').fill(String(LIMIT_S));
    await page.locator('#intake-warning-seconds').fill(String(WARNING_S));
    await page.locator('#intake-warning-seconds').press('Enter');
    await page.getByTestId('intake-policy-source').filter({ hasText: '本热线设置' }).waitFor();
    const policy = await platform.api('intake', 'GET', '/v1/intake-policy', token('tenant-admin'));
    expect(policy.body).toMatchObject({ onlineResponseSeconds: LIMIT_S, onlineWarningSeconds: WARNING_S, confidentialTypes: ['report'], source: 'tenant' });

    // A citizen's submission waits in the agent's queue with its clock.
    const first = await submitOnline('小区路灯不亮', '3 号楼前路灯坏了一个月，晚上看不见路。');
    await signIn('话务员');
    await open('online-queue');
    const row = page.getByTestId('online-queue').locator(`tr[data-row-key="${first.requestId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('136****7777').waitFor();
    await row.getByText('3 号楼前路灯坏了一个月').waitFor();
    await page.getByTestId(`online-clock-${first.number}`).waitFor();

    // ↓ to its row, Enter opens the form with the citizen's type, area and category; Ctrl+Enter decides.
    await arrowTo(first.requestId);
    await page.keyboard.press('Enter');
    const form = page.getByTestId('online-decision');
    await form.getByText(`受理判定 ${first.number}`).first().waitFor();
    await form.locator('.ant-cascader').filter({ hasText: '030603' }).waitFor();
    await page.keyboard.press('Control+Enter');
    await row.waitFor({ state: 'detached' });
    await form.waitFor({ state: 'detached' });
    const decided = await platform.api('intake', 'GET', `/v1/requests/${first.requestId}`, token('agent'));
    expect(decided.body).toMatchObject({ number: first.number, scope: { decision: 'in-scope' }, requestType: 'complaint', categoryCode: '030603', areaCode: '320104' });
    const after = await platform.api('intake', 'GET', '/v1/online-queue?state=decided&limit=200', token('agent'));
    expect(after.body.items).toContainEqual(expect.objectContaining({ requestId: first.requestId, decision: 'in-scope', decidedBy: `${TENANT}:agent`, secondsLeft: null }));

    // A second decision of the same submission (another agent was first): the 409 in the user's language.
    const late = await submitOnline('井盖缺失', '路口井盖缺失，存在安全隐患。');
    await page.getByTestId('online-queue').locator(`tr[data-row-key="${late.requestId}"]`).waitFor({ timeout: 30_000 });
    await arrowTo(late.requestId);
    await page.keyboard.press('Enter');
    await form.getByText(`受理判定 ${late.number}`).first().waitFor();
    await form.locator('.ant-cascader').filter({ hasText: '030603' }).waitFor();
    const other = await platform.api('intake', 'POST', `/v1/online-queue/${late.requestId}/decision`, token('supervisor'), {
      requestType: 'complaint', urgency: 'normal', categoryCode: '030603', scope: { decision: 'in-scope' },
    });
    expect(other.status).toBe(200);
    await page.keyboard.press('Control+Enter');
    await form.getByRole('alert').filter({ hasText: '该网上诉求已由其他话务员受理判定' }).waitFor();
    // Esc (twice: the first may only close the type's dropdown) goes back to the list.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });

    // Three submissions some seconds apart: past the limit (red), in the warning (yellow), fresh (green).
    const overdue = await submitOnline('噪音扰民', '夜间施工噪音，影响休息。');
    await sleep(APART_S * 1000);
    const warning = await submitOnline('占道经营', '人行道被摊位占用。');
    const clock = (n: string) => page.getByTestId(`online-clock-${n}`);
    await clock(overdue.number).and(page.locator('[data-clock="red"]')).waitFor({ timeout: 30_000 });
    const fresh = await submitOnline('公交站牌破损', '站牌玻璃破碎。');
    await clock(warning.number).and(page.locator('[data-clock="yellow"]')).waitFor({ timeout: 10_000 });
    await clock(fresh.number).and(page.locator('[data-clock="green"]')).waitFor({ timeout: 10_000 });
    expect(await clock(overdue.number).innerText()).toMatch(/^已超时 \d+:\d\d$/);
    expect(await clock(warning.number).innerText()).toMatch(/^即将超时 · 剩余 0:\d\d$/);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('agent-online-queue');
    // The colours agree with the service's own states.
    const states = await platform.api('intake', 'GET', '/v1/online-queue?limit=200', token('agent'));
    const stateOf = (id: string) => (states.body.items as Array<{ requestId: string; state: string }>).find((i) => i.requestId === id)?.state;
    expect(stateOf(overdue.requestId)).toBe('overdue');
    // Decided, so the day's figures hold still while the supervisor reads them.
    for (const s of [overdue, warning, fresh])
      expect((await platform.api('intake', 'POST', `/v1/online-queue/${s.requestId}/decision`, token('supervisor'), {
        requestType: 'complaint', urgency: 'normal', categoryCode: '030603', scope: { decision: 'in-scope' },
      })).status).toBe(200);

    // The supervisor reads the day's 按时响应率 over the same figures as the API.
    await signIn('督办员');
    await open('online-queue');
    const stats = await eventually('today\'s figures', async () => {
      const res = await platform.api('intake', 'GET', `/v1/online-queue/stats?from=${encodeURIComponent(new Date(`${shanghaiDay(new Date())}T00:00:00+08:00`).toISOString())}`, token('supervisor'));
      return res.body.submitted === 5 && res.body.decided === 5 ? res.body : undefined;
    });
    const expected = `${(Math.round((stats.decidedInTime / stats.inTimeDenominator) * 1000) / 10).toFixed(1)}%（${stats.decidedInTime}/${stats.inTimeDenominator}）`;
    await page.getByTestId('online-in-time-rate').filter({ hasText: expected }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('supervisor-online-queue');
  }, 2 * STEP);

  it('漏接回拨 and 话务统计: an answered and an abandoned call; the agent claims the callback and reaches the caller; the day shows 50 % answered', async () => {
    const telephony = token('telephony');
    const now = Date.now();
    const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
    const answered = await platform.api('intake', 'POST', '/v1/call-records', telephony, {
      callId: `e2e-answered-${now}`, callerNumber: '13900005555', agentId: 'A-01', queue: QUEUE,
      offeredAt: iso(180_000), answeredAt: iso(172_000), endedAt: iso(60_000), outcome: 'answered',
    });
    expect(answered.status).toBe(201);
    const abandoned = await platform.api('intake', 'POST', '/v1/call-records', telephony, {
      callId: `e2e-abandoned-${now}`, callerNumber: '13900006666', queue: QUEUE, offeredAt: iso(90_000), endedAt: iso(50_000), outcome: 'abandoned',
    });
    expect(abandoned.status).toBe(201);
    const callbackId = abandoned.body.callbackId as string;
    expect(callbackId).toEqual(expect.any(String));

    // The agent: ↓ to the caller's row, Enter opens it, Enter claims, Enter dials through the platform.
    await signIn('话务员');
    await open('callbacks');
    const row = page.getByTestId('callbacks').locator(`tr[data-row-key="${callbackId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('139****6666').waitFor();
    await page.getByTestId(`callback-clock-${callbackId}`).and(page.locator('[data-clock="green"]')).waitFor();
    await arrowTo(callbackId);
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('callback-panel');
    await panel.getByRole('button', { name: '领取回拨' }).waitFor();
    await page.keyboard.press('Enter');
    await panel.getByTestId('callback-state').filter({ hasText: '回拨中' }).waitFor();
    await page.locator('#callback-dial:focus').waitFor();
    await page.keyboard.press('Enter');
    const reference = panel.getByTestId('callback-reference');
    await reference.waitFor();
    // The reference, never the number.
    expect(await page.locator('body').innerText()).not.toContain('13900006666');
    expect(await reference.innerText()).toContain('仅可使用一次');
    // The telephony exchanges it for the number (the audited disclosure).
    const code = (await reference.locator('code').innerText()).trim();
    const resolved = await platform.api('intake', 'POST', '/v1/callback-references/resolution', telephony, { reference: code });
    expect(resolved.body).toMatchObject({ callbackId, number: '13900006666', issuedBy: `${TENANT}:agent` });
    await page.locator('#callback-note').fill('来电人已知悉，问题已在电话中登记');
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('agent-callbacks');
    // 已接通 is preselected; Ctrl+Enter records it.
    await page.keyboard.press('Control+Enter');
    await panel.getByTestId('callback-state').filter({ hasText: '已回拨' }).waitFor();
    await row.waitFor({ state: 'detached' });
    const item = await platform.api('intake', 'GET', `/v1/callbacks/${callbackId}`, token('agent'));
    expect(item.body).toMatchObject({ state: 'reached', attempts: 1, result: 'reached', closedBy: `${TENANT}:agent` });
    expect(item.body.attemptLog).toEqual([expect.objectContaining({ result: 'reached' })]);

    // 话务统计: the day of the calls for their queue, 1 answered of 2 offered, answered in 8 s.
    const day = shanghaiDay(new Date(now - 180_000));
    await signIn('督办员');
    await open('call-rates');
    await page.locator('#call-rates-queue').fill(QUEUE);
    await page.locator('#call-rates-queue').press('Enter');
    await page.getByTestId(`answer-rate-${day}/${QUEUE}`).filter({ hasText: '50.0%（1/2）' }).waitFor({ timeout: 30_000 });
    await page.getByTestId(`timely-rate-${day}/${QUEUE}`).filter({ hasText: '100.0%（1/1）' }).waitFor();
    await page.getByTestId('answer-rate-total').filter({ hasText: '50.0%（1/2）' }).waitFor();
    await page.getByRole('img', { name: '每日人工接通率与人工应答及时率折线图' }).locator('canvas').waitFor();
    const rates = await platform.api('intake', 'GET', `/v1/call-records/rates?from=${day}&to=${day}&queue=${QUEUE}`, token('supervisor'));
    expect(rates.body.days).toEqual([expect.objectContaining({ day, queue: QUEUE, offered: 2, answerRate: { value: 0.5, numerator: 1, denominator: 2 } })]);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('supervisor-call-rates');
  }, 2 * STEP);

  it('受理设置: the admin saves the call thresholds; both settings then show the hotline as their source', async () => {
    await signIn('热线管理员');
    await open('intake-settings');
    await page.getByTestId('call-policy-source').filter({ hasText: '平台默认' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('intake-policy-source').filter({ hasText: '本热线设置' }).waitFor();
    // Each default says where it comes from.
    await page.getByText('默认 15 秒 · GB/T 33358-2016').waitFor();
    await page.getByTestId('intake-policy-defaults').getByText('GB/T 33358-2016').first().waitFor();
    await page.locator('#call-answer-timely').fill('20');
    await page.locator('#call-callback-due').fill('45');
    // Keyboard: focus the switch, Space turns it; Enter in a number field saves.
    await page.locator('#call-short-counted').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('call-short-counted-state').filter({ hasText: /^计入$/ }).waitFor();
    await page.locator('#call-callback-attempts').press('Enter');
    await page.getByTestId('call-policy-source').filter({ hasText: '本热线设置' }).waitFor();
    const stored = await platform.api('intake', 'GET', '/v1/call-policy', token('tenant-admin'));
    expect(stored.body).toMatchObject({
      answerTimelySeconds: 20, shortAbandonSeconds: 5, shortAbandonsCounted: true, callbackShortAbandons: false, callbackDueMinutes: 45, callbackMaxAttempts: 3, source: 'tenant',
    });
    // A warning not before the limit: refused in the form, in the user's language.
    await page.locator('#intake-warning-seconds').fill(String(LIMIT_S));
    await page.locator('#intake-warning-seconds').press('Enter');
    await page.getByText('提示须早于响应时限').waitFor();
    await page.getByRole('button', { name: '还原' }).first().click();
    await page.waitForFunction(`document.querySelector('#intake-warning-seconds')?.value === '${WARNING_S}'`);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('admin-intake-settings');
  }, STEP);
});
