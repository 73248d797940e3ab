// The agent desk's hints (issues 14 and 16) in a real browser (Debian's Chromium via
// playwright-core), against their own platform started by the README's start command (own
// databases, ports and stream namespace, so this suite runs beside the other console suites):
// while the agent types, the desk suggests a category (its model trained on the demo's labelled
// messages) with the catalog's units, knowledge articles to answer from, and earlier requests by
// the same phone to merge into; the tenant's 保密 default follows the type. Each case is done by
// keyboard, checked in what the services then hold, screenshotted into docs/console/ and run
// through axe-core.
import type { Page } from 'playwright-core';
import { eventually } from '@hotline/testing';
import type { LocalPlatform } from '../support/platform';
import { consoleSuite } from './harness';

const AREA = '320104';
const STEP = 90_000;

interface RequestRead {
  id: string;
  number: string;
  status: string;
  categoryCode: string;
  requestType: string;
  confidential: boolean;
  enterpriseRelated: boolean;
  scope: { decision: string };
  mergedInto: { id: string } | null;
  answerArticles: Array<{ articleId: string; version: number; title: string }>;
}

describe('agent desk hints: category suggestions, catalog units, knowledge, duplicates, 保密 default', () => {
  let platform: LocalPlatform;
  let page: Page;
  const { token, signIn, choose, screenshotClean, requestIdOf, registerRequest } = consoleSuite({
    ready: async (s) => {
      ({ platform, page } = s);
      // The demo's first model trains in the background after the start (about 8 s on this machine).
      await eventually('an active classification model', async () => {
        const models = await platform.api('intake', 'GET', '/v1/classification/models', s.token('supervisor'));
        return models.body.activeVersion !== null || undefined;
      }, 180_000);
    },
    timeout: 600_000,
  });
  const hints = () => page.getByTestId('desk-hints');

  /** A fresh desk: who calls, from where, and what they say, typed as an agent types it. */
  const startCall = async (phone: string, name: string, content: string) => {
    await signIn('话务员');
    await page.locator('#desk-phone').waitFor();
    await page.keyboard.type(phone);
    await page.keyboard.press('Tab');
    await page.keyboard.type(name);
    await choose('#desk-area', AREA);
    await page.locator('#desk-content').click();
    await page.keyboard.type(content);
  };
  /** Ctrl+Enter registers; the request as intake holds it. */
  const register = async (): Promise<RequestRead> => {
    await page.keyboard.press('Control+Enter');
    const number = (await page.getByTestId('registered-number').innerText()).split(/:\s*/).pop()!.trim();
    expect(number).toMatch(/^3201-\d{8}-\d{6}$/);
    return (await platform.api('intake', 'GET', `/v1/requests/${await requestIdOf(number)}`, token('agent'))).body as RequestRead;
  };
  /** Alt+1 once a category is suggested: category, and type and urgency where cued; the catalog is then asked about it. */
  const applyFirstSuggestion = async () => {
    await hints().getByTestId('category-suggestions').getByRole('button').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Alt+1');
    await hints().getByTestId('catalog-units').filter({ hasText: /主办|目录未匹配/ }).filter({ hasNotText: '（建议）' }).waitFor();
  };

  it('suggests the category of a housing complaint with the words behind it; Alt+1 applies it, the catalog names housing, and the choice is recorded', async () => {
    await startCall('13811112222', '王五', '小区开发商延期交房，房屋质量问题严重，墙体开裂，业主投诉多次无人处理，要求住建部门督促开发商整改');
    const first = hints().getByTestId('category-suggestions').getByRole('button').first();
    // The demo model learnt the board's 城乡建设 as DB44's 03.
    await first.filter({ hasText: '城乡建设' }).waitFor({ timeout: 30_000 });
    expect(await first.innerText()).toMatch(/Alt\+1[\s\S]*城乡建设 \d+%[\s\S]*依据：[^—\s]/);
    expect(await hints().getByTestId('category-suggestions').getByRole('button').count()).toBeLessThanOrEqual(3);
    // Before the agent chooses, the catalog is asked about the top suggestion.
    await hints().getByTestId('catalog-units').filter({ hasText: '（建议）' }).filter({ hasText: '住房和城乡建设局' }).waitFor();
    await page.keyboard.press('Alt+1');
    await hints().getByTestId('catalog-units').filter({ hasText: '03 城乡建设' }).filter({ hasText: '主办 南京市住房和城乡建设局' }).waitFor();
    // The rules heard 投诉 and 乱收费: the type stays 投诉, said by the hint.
    await hints().getByText(/类型：投诉（.*投诉/).waitFor();
    await hints().getByTestId('desk-shortcuts').getByText('Ctrl+Enter').waitFor();
    await screenshotClean('agent-desk-hints-classification');

    const request = await register();
    expect(request).toMatchObject({ categoryCode: '03', requestType: 'complaint', scope: { decision: 'in-scope' } });
    const quality = await eventually('the outcome recorded', async () => {
      const res = await platform.api('intake', 'GET', '/v1/classification/quality', token('supervisor'));
      return res.body.total.withOutcome === 1 ? res.body : undefined;
    });
    expect(quality.total).toMatchObject({ withOutcome: 1, top1Agreement: 1, requestTypeAgreement: 1 });
    expect(quality.total.suggestions).toBeGreaterThanOrEqual(1);
  }, 2 * STEP);

  it('finds a published knowledge article while the agent types; Alt+K and Enter answer from it, registered as a direct answer linked to it', async () => {
    const title = '电动自行车充电桩安装申请';
    const created = await platform.api('intake', 'POST', '/v1/knowledge/articles', token('tenant-admin'), {
      category: '城乡建设/物业管理',
      title,
      content: '小区内安装电动自行车充电桩，由物业服务企业向所在街道提出申请，经消防部门审核同意后实施。业主可拨打12345查询办理进度。',
      issuingUnit: '南京市住房和城乡建设局',
      materialKind: 'service-guide',
      keywords: ['充电桩', '电动自行车'],
      validFrom: '2025-01-01',
    });
    expect(created.status).toBe(201);
    const articleId = created.body.articleId as string;
    // Four eyes: another person (the reviewer) publishes it.
    const approved = await platform.api('intake', 'POST', `/v1/knowledge/articles/${articleId}/versions/1/review`, token('reviewer'), { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'published' });

    await startCall('13822223333', '赵六', '请问小区里安装电动自行车充电桩怎么申请，找谁审核');
    const hits = hints().getByTestId('knowledge-hits').getByRole('button');
    await hits.filter({ hasText: title }).waitFor({ timeout: 30_000 });
    expect(await hits.count()).toBeLessThanOrEqual(5);
    const titles = await hits.allInnerTexts();
    const at = titles.findIndex((text) => text.includes(title));
    await page.keyboard.press('Alt+K');
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement.textContent')).toContain(title);
    await page.keyboard.press('Enter');
    await page.getByTestId('desk-answer-articles').filter({ hasText: title }).waitFor();
    expect(await page.locator('#desk-answer').inputValue()).toContain('经消防部门审核同意后实施');
    // The focus is in the answer (to edit it); the category still comes by Alt+1.
    expect(await page.evaluate('document.activeElement.id')).toBe('desk-answer');
    await applyFirstSuggestion();
    await screenshotClean('agent-desk-hints-knowledge');

    const request = await register();
    expect(request.scope.decision).toBe('direct-answer');
    // Closed at intake, and archived by revisit right after.
    expect(['closed', 'archived']).toContain(request.status);
    expect(request.answerArticles).toEqual([{ articleId, version: 1, title }]);
  }, 2 * STEP);

  it('finds the first request of the same phone as a duplicate candidate on a second call; 并单 merges the repeat into it', async () => {
    const phone = '13955556666';
    const master = await registerRequest({
      requester: { name: '钱七', phone, confidential: false }, title: '地下车库积水', content: '小区地下车库积水严重，车辆无法进出', areaCode: AREA, categoryCode: '03',
    });

    await startCall(phone, '钱七', '地下车库又积水了，上次反映的还没有处理');
    const candidate = hints().getByTestId(`duplicate-${master.number}`);
    await candidate.waitFor({ timeout: 30_000 });
    await candidate.getByText('同一来电人').waitFor();
    // Keyboard: Alt+D reaches the first candidate's 并单 (this phone's request ranks first), Enter takes it.
    await page.keyboard.press('Alt+D');
    expect(await page.evaluate('document.activeElement.closest("li")?.dataset.testid')).toBe(`duplicate-${master.number}`);
    await page.keyboard.press('Enter');
    await page.getByTestId('desk-merge').filter({ hasText: `并入 ${master.number}` }).waitFor();
    await candidate.getByRole('button', { name: '已选择并单' }).waitFor();
    await page.locator('#desk-content').focus();
    await applyFirstSuggestion();
    await screenshotClean('agent-desk-hints-duplicates');

    const repeat = await register();
    expect(repeat.status).toBe('merged');
    expect(repeat.mergedInto?.id).toBe(master.id);
  }, 2 * STEP);

  it('shows a terminated matter of the same phone with its legal route; taking it answers the call as a terminated matter', async () => {
    const phone = '13977778888';
    const legalRoute = '对处理结果不服的，可依法向区人民政府申请行政复议';
    const enter = (title: string) =>
      registerRequest({ requester: { name: '周九', phone, confidential: false }, title, content: '要求拆除小区门口的公交站台，已答复过仍反复来电', areaCode: AREA, categoryCode: '03' });
    const earlier = await enter('拆除公交站台（首次）');
    const repeated = await enter('拆除公交站台（重复）');
    const proposed = await platform.api('intake', 'POST', `/v1/requests/${repeated.id}/terminations`, token('agent'), {
      reasonCode: 'repeated-no-new-facts', evidenceRequestNumbers: [earlier.number], legalRoute, note: '无新事实和理由',
    });
    expect(proposed.status).toBe(201);
    expect((await platform.api('intake', 'POST', `/v1/requests/${repeated.id}/terminations/${proposed.body.id}/approve`, token('supervisor'))).status).toBe(200);

    await startCall(phone, '周九', '还是要求拆除小区门口的公交站台');
    const match = hints().getByTestId(`terminated-${repeated.number}`);
    await match.filter({ hasText: legalRoute }).waitFor({ timeout: 30_000 });
    // Keyboard: Alt+D into the repeats, ↓ to the terminated matter, Enter.
    await page.keyboard.press('Alt+D');
    for (let i = 0; i < 10; i++) {
      if ((await page.evaluate('document.activeElement.closest("li")?.dataset.testid')) === `terminated-${repeated.number}`) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('desk-terminated').filter({ hasText: `${repeated.number} · 告知途径：${legalRoute}` }).waitFor();
    await page.locator('#desk-content').focus();
    await applyFirstSuggestion();
    await screenshotClean('agent-desk-hints-terminated');

    const request = (await register()) as RequestRead & { terminatedMatterOf: { id: string } | null };
    expect(request.scope.decision).toBe('terminated-matter');
    expect(request.terminatedMatterOf?.id).toBe(repeated.id);
  }, 2 * STEP);

  it('ticks 保密 for a 举报 by the tenant default and sends 涉企; hints that fail say so and do not block registration', async () => {
    // The knowledge search and the duplicate probe fail: the desk notes it and registers all the same.
    await page.route('**/api/intake/v1/knowledge/search**', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"status":503,"title":"Unavailable"}' }));
    await page.route('**/api/intake/v1/duplicate-candidates', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"status":503,"title":"Unavailable"}' }));
    try {
      const policy = await platform.api('intake', 'GET', '/v1/intake-policy', token('agent'));
      expect(policy.body.confidentialTypes).toContain('report');
      await startCall('13866667777', '孙八', '举报有人在河道里偷排污水，晚上排放气味很大');
      const confidential = page.locator('#desk-confidential');
      expect(await confidential.isChecked()).toBe(false);
      await choose('#desk-type', '举报');
      await eventually('保密 ticked', async () => (await confidential.isChecked()) || undefined, 5_000);
      await choose('#desk-type', '投诉');
      await eventually('保密 unticked', async () => !(await confidential.isChecked()) || undefined, 5_000);
      await choose('#desk-type', '举报');
      await eventually('保密 ticked again', async () => (await confidential.isChecked()) || undefined, 5_000);
      await page.locator('#desk-enterprise').focus();
      await page.keyboard.press('Space');
      expect(await page.locator('#desk-enterprise').isChecked()).toBe(true);
      await hints().getByTestId('hint-unavailable').filter({ hasText: '知识库暂不可用，不影响登记' }).waitFor({ timeout: 30_000 });
      await hints().getByTestId('hint-unavailable').filter({ hasText: '重复诉求查找暂不可用' }).waitFor();
      await page.locator('#desk-content').focus();
      await applyFirstSuggestion();
      expect(await page.locator('.ant-alert-error').count()).toBe(0);
      await screenshotClean('agent-desk-hints-confidential');

      const request = await register();
      expect(request).toMatchObject({ requestType: 'report', confidential: true, enterpriseRelated: true });
    } finally {
      await page.unroute('**/api/intake/v1/knowledge/search**');
      await page.unroute('**/api/intake/v1/duplicate-candidates');
    }
  }, 2 * STEP);
});
