// Issues 16 and 17 in a real browser (Debian's Chromium), against a platform of its own: the
// dashboard's drill-down from a rate to the requests behind it (by keyboard, as many as the
// denominator, each linked to its 督办 view), a supervisor's acknowledgement of an alert with a
// note, and the three rates per city on the province overview. Each test checks what the services
// then hold, screenshots the page into docs/console/ and runs axe-core on it.
import type { Page } from 'playwright-core';
import { eventually } from '@hotline/testing';
import type { LocalPlatform } from '../support/platform';
import { consoleSuite, DEMO_TENANT as TENANT } from './harness';

const STEP = 180_000;

/** A civil date in Shanghai (the demo tenant's zone), `days` from today. */
const shanghaiDate = (days = 0) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

interface RateRow {
  key: string;
  label: string | null;
  signedOnTime: number;
  responseDenominator: number;
  validEvaluations: number;
  satisfactionNumerator: number;
}

describe('console: drill-down from a rate, alert acknowledgement, the province’s rates', () => {
  let platform: LocalPlatform;
  let page: Page;
  const { token, signIn, open, choose, screenshotClean, orderOf, registerRequest, answerAndPass } = consoleSuite({
    context: { timezoneId: 'Asia/Shanghai' },
    ready: (s) => ({ platform, page } = s),
  });
  const drillDown = (query: string) => platform.api('analytics', 'GET', `/v1/metrics/rates/requests?${query}`, token('supervisor'));

  it('监督看板: a rate cell opens, by keyboard, the requests behind it — as many as its denominator — each linked to its request', async () => {
    const request = await registerRequest({
      requester: { name: '周一', phone: '13600003333' }, title: '失业保险金未到账', content: '申领的失业保险金两个月未到账', areaCode: '320104', categoryCode: '080101',
    });
    const orderId = await orderOf(request.id, 'hrss');
    await answerAndPass({ requestId: request.id, orderId, unitCode: 'hrss' }, { answer: '已核实并补发失业保险金。', basis: '《失业保险条例》第十七条', contactRecord: '电话告知诉求人' });
    const unitId = (await platform.api('handling', 'GET', `/v1/work-orders/${orderId}`, token('supervisor'))).body.unitId as string;
    const revisit = await platform.api('revisit', 'POST', '/v1/revisits', token('agent'), { requestId: request.id, method: 'phone', resolved: true, satisfaction: 'satisfied' });
    expect(revisit.status).toBe(201);

    // The unit's row, once its 满意率 counts the evaluation; the drill-down lists exactly its valid evaluations.
    const { row, listed } = await eventually('the unit’s row with the evaluation', async () => {
      const rates = await platform.api('analytics', 'GET', '/v1/metrics/rates?groupBy=unit&limit=200', token('supervisor'));
      const found = (rates.body.items as RateRow[]).find((r) => r.key === unitId);
      if (!found) return undefined;
      const res = await drillDown(`rate=satisfaction&unit=${encodeURIComponent(found.key)}&limit=200`);
      // Both read after the evaluation reached analytics (the two reads are not one snapshot).
      const arrived = (res.body.items as Array<{ requestId: string }>).some((i) => i.requestId === request.id) && found.validEvaluations >= 1;
      return arrived ? { row: found, listed: res.body } : undefined;
    }, 60_000);
    expect(listed.total).toBe(row.validEvaluations);
    expect(listed.figures).toMatchObject({ denominator: row.validEvaluations, numerator: row.satisfactionNumerator });
    expect(listed.items.find((i: { requestId: string }) => i.requestId === request.id)).toMatchObject({ requestNumber: request.number, result: 'satisfied', counted: true, weight: 1 });
    expect(JSON.stringify(listed)).not.toMatch(/周一|13600003333/);

    await signIn('督办员');
    await open('dashboard');
    const cell = page.getByTestId(`drill-satisfaction-${row.key}`);
    await cell.waitFor({ timeout: 30_000 });
    await cell.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('rate-drill-down');
    await drawer.getByText(`共 ${row.validEvaluations} 件`).waitFor({ timeout: 30_000 });
    await drawer.getByTestId('drill-down-figures').filter({ hasText: String(row.validEvaluations) }).waitFor();
    const link = drawer.getByRole('link', { name: request.number });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`#/supervision/request/${request.id}`);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('supervisor-rate-drill-down');

    // The numerator by keyboard: the Segmented's options are radios.
    await drawer.getByRole('radio', { name: '分子' }).focus();
    await page.keyboard.press('Space');
    await drawer.getByText(`共 ${listed.figures.numeratorFacts} 件`).waitFor();

    // The row's request opens its 督办 view.
    await link.focus();
    await page.keyboard.press('Enter');
    await eventually('the request’s 督办 view', async () => page.url().endsWith(`#/supervision/request/${request.id}`) || undefined);
    await page.getByTestId('supervision-request').getByText(`诉求 ${request.number} 的工单`).waitFor({ timeout: 30_000 });

    // A click on the row (not on a rate) opens its 响应率.
    await open('dashboard');
    const tableRow = page.getByTestId('rates-table').locator(`tr[data-row-key="${row.key}"]`);
    await tableRow.waitFor({ timeout: 30_000 });
    await tableRow.locator('td').first().click();
    await page.getByTestId('rate-drill-down').getByText(`共 ${row.responseDenominator} 件`).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('rate-drill-down').waitFor({ state: 'hidden' });
  }, STEP);

  it('预警: the supervisor acknowledges an alert with a note by keyboard; the admin may not', async () => {
    const risky = await registerRequest({
      requester: { name: '吴二', phone: '13600004444' }, title: '小区燃气泄漏', content: '楼道里闻到很重的燃气味，怀疑燃气泄漏，请尽快处理', areaCode: '320104', categoryCode: '030603',
    });
    const alert = await eventually('the risk alert', async () => {
      const res = await platform.api('analytics', 'GET', '/v1/alerts?kind=risk&limit=50', token('supervisor'));
      return (res.body.items as Array<{ alertId: string; requestIds: string[]; state: string; severity: string }>).find((a) => a.requestIds.includes(risky.id));
    }, 60_000);
    expect(alert.state).toBe('open');

    await signIn('督办员');
    await open('alerts');
    const row = page.getByTestId('alerts').locator(`tr[data-row-key="${alert.alertId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('待处理').waitFor();
    await page.getByTestId(`acknowledge-${alert.alertId}`).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.locator(`#acknowledge-note-${alert.alertId}`).waitFor();
    // The note takes the focus when the dialog opens.
    await page.keyboard.type('已通知燃气公司上门抢修，联系人13600005555');
    await dialog.getByRole('button', { name: '确认预警' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('已确认').waitFor({ timeout: 30_000 });
    const stored = await platform.api('analytics', 'GET', `/v1/alerts/${alert.alertId}`, token('supervisor'));
    expect(stored.body).toMatchObject({ state: 'acknowledged', acknowledgement: { severity: alert.severity } });
    expect(stored.body.acknowledgement.note).toContain('已通知燃气公司上门抢修');
    expect(stored.body.acknowledgement.note).not.toContain('13600005555');

    await choose('[aria-label="按处理状态筛选"]', '已确认');
    await row.waitFor();
    await choose('[aria-label="按处理状态筛选"]', '待处理');
    await row.waitFor({ state: 'detached' });
    await choose('[aria-label="按处理状态筛选"]', '已确认');
    await row.waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('supervisor-alert-acknowledged');

    // The tenant admin reads the alerts but acknowledges none.
    await signIn('热线管理员');
    await open('alerts');
    await page.getByTestId('alerts').locator(`tr[data-row-key="${alert.alertId}"]`).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid^="acknowledge-"]').count()).toBe(0);
  }, STEP);

  it('省级汇总: each city’s three rates beside their numerators and denominators, never a request', async () => {
    const range = `from=${shanghaiDate(-29)}&to=${shanghaiDate()}`;
    const city = await eventually('the city’s rates', async () => {
      const res = await platform.api('analytics', 'GET', `/v1/province/overview?${range}`, token('province-operator', 'province-32'));
      expect(res.status).toBe(200);
      const found = (res.body.items as Array<{ tenant: string; rates: { validEvaluations: number; satisfactionNumerator: number; responseDenominator: number; signedOnTime: number } }>).find((c) => c.tenant === TENANT);
      return found && found.rates.validEvaluations >= 1 ? found : undefined;
    }, 60_000);
    // As the city's own dashboard counts them over the same days.
    const own = await platform.api('analytics', 'GET', `/v1/metrics/rates?groupBy=month&${range}`, token('supervisor'));
    const sum = (f: keyof RateRow) => (own.body.items as RateRow[]).reduce((n, r) => n + (r[f] as number), 0);
    expect(city.rates).toMatchObject({ validEvaluations: sum('validEvaluations'), satisfactionNumerator: sum('satisfactionNumerator'), responseDenominator: sum('responseDenominator') });

    await signIn('省级运营', 'province-32');
    await open('province-overview');
    const satisfaction = page.getByTestId(`province-satisfaction-${TENANT}`);
    await satisfaction.filter({ hasText: `（${city.rates.satisfactionNumerator}/${city.rates.validEvaluations}）` }).waitFor({ timeout: 30_000 });
    await page.getByTestId(`province-response-${TENANT}`).filter({ hasText: `（${city.rates.signedOnTime}/${city.rates.responseDenominator}）` }).waitFor();
    await page.getByTestId('province-rates').getByText('全省满意率').waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    expect(await page.locator('a[href^="#/supervision"]').count()).toBe(0);
    await screenshotClean('province-overview-rates');
  }, STEP);
});
