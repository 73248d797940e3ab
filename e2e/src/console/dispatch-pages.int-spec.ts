// The console's dispatch and revisit control screens of issue 16 in a real browser (Debian's
// Chromium via playwright-core), against their own platform started by the README's start
// command: a unit's 退单 from its order page, 退单审核 (accept with a re-dispatch, reject with a
// note), 提级统筹, and the reviewer's 重办 judgement of a revisit that came back unresolved. Each
// test acts by keyboard where it can, checks what the services then hold, screenshots the page
// into docs/console/ and runs axe-core on it.
import type { Page } from 'playwright-core';
import { eventually } from '@hotline/testing';
import type { LocalPlatform } from '../support/platform';
import { consoleSuite, DEMO_TENANT as TENANT } from './harness';

const STEP = 120_000;

type Order = { id: string; unitId: string; unitCode: string; role: string; status: string; cancelReason: string | null; reworkCount: number; reworkDueAt: string | null };

describe('console pages of issue 16: returns, dispute review, escalation, 重办', () => {
  let platform: LocalPlatform;
  let page: Page;
  let unitName: Record<string, string>;
  const { token, signIn, open, choose, screenshotClean, registerRequest, answerAndPass } = consoleSuite({
    ready: async (s) => {
      ({ platform, page } = s);
      const units = await platform.api('dispatch', 'GET', '/v1/units', s.token('dispatcher'));
      unitName = Object.fromEntries((units.body.items as Array<{ code: string; name: string }>).map((u) => [u.code, u.name]));
    },
  });

  const ordersOf = (requestId: string) =>
    platform.api('handling', 'GET', `/v1/work-orders?requestId=${requestId}`, token('supervisor')).then((r) => r.body.items as Order[]);
  const orderWhere = (what: string, requestId: string, pick: (o: Order) => boolean) =>
    eventually(what, async () => (await ordersOf(requestId)).find(pick));
  const returnsOf = async (requestId: string) =>
    (await platform.api('dispatch', 'GET', `/v1/dispatches/${requestId}/returns`, token('dispatcher'))).body.items as Array<Record<string, unknown>>;

  /** A complaint the catalog gives to hrss (08), with hrss's primary order once handling has it. */
  async function complaintForHrss(title: string) {
    const created = await registerRequest({ requester: { name: '王五', phone: '13900002222' }, title, content: `${title}，请尽快处理`, areaCode: '320104', categoryCode: '080101' });
    const requestId = created.id;
    const order = await orderWhere('the hrss order', requestId, (o) => o.unitCode === 'hrss' && o.role === 'primary');
    return { requestId, number: created.number, order };
  }

  it('退单 and 退单审核: the unit returns its order, the dispatcher accepts it and re-dispatches it to another unit', async () => {
    const { requestId, number, order } = await complaintForHrss('养老保险转移接续办不了');

    // The unit files the return from its order page.
    await signIn('承办单位操作员 · hrss');
    await open(`unit/${order.id}`);
    await page.getByRole('button', { name: '申请退单' }).click();
    await choose('#return-reason', '不属于本单位职责范围');
    await page.locator('#return-basis').fill('转移接续由社保经办机构按《社会保险法》第十九条办理，非本局职责');
    await page.locator('#return-suggested-unit').fill('env');
    await page.getByRole('button', { name: '提交退单' }).click();
    await page.getByTestId('return-state').filter({ hasText: '争议审核中' }).waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('unit-return');
    const [filed] = await returnsOf(requestId);
    expect(filed).toMatchObject({ status: 'in-review', reasonCode: 'not-our-duty', unit: { unitCode: 'hrss' }, suggestedUnit: { unitCode: 'env', unitName: unitName['env'] } });
    expect(filed!.basis).not.toContain('建议承办单位');

    // The dispatcher finds it in 退单审核 with the unit's reason, opens it by keyboard and accepts
    // it with a re-dispatch to env.
    await signIn('派单员');
    await open('returns');
    await page.getByTestId('return-policy').getByText('派单次日起 1 个工作日').waitFor({ timeout: 30_000 });
    const row = page.getByTestId('returns').locator('tr.ant-table-row').filter({ hasText: number });
    await row.filter({ hasText: '不属于本单位职责范围' }).waitFor({ timeout: 60_000 });
    await row.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId(`return-decision-${filed!.id}`);
    await panel.getByTestId('return-basis').filter({ hasText: '《社会保险法》第十九条' }).waitFor();
    await panel.getByTestId('return-suggested').filter({ hasText: unitName['env']! }).waitFor();
    await choose(`#redispatch-primary-${filed!.id}`, unitName['env']!);
    await page.locator(`#return-note-${filed!.id}`).fill('经核实，社保关系转移属经办机构，改派');
    await screenshotClean('dispatcher-return-review');
    await page.locator(`#return-note-${filed!.id}`).press('Control+Enter');
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.locator('.ant-alert-error').count()).toBe(0);

    // dispatch holds the decision; handling cancels hrss's order and gives env a new one.
    expect((await returnsOf(requestId))[0]).toMatchObject({ status: 'accepted', decisionNote: '经核实，社保关系转移属经办机构，改派', decidedBy: `${TENANT}:dispatcher` });
    const next = await orderWhere('the order of env', requestId, (o) => o.unitCode === 'env' && o.role === 'primary');
    expect(next.status).toBe('awaiting-sign');
    const cancelled = await orderWhere('hrss’s order cancelled', requestId, (o) => o.id === order.id && o.status === 'cancelled');
    expect(cancelled.cancelReason).toBe('return-accepted');
    const dispatch = await platform.api('dispatch', 'GET', `/v1/dispatches/${requestId}`, token('dispatcher'));
    expect(dispatch.body).toMatchObject({ attempt: 2, mode: 'manual', assignments: [{ unitCode: 'env', role: 'primary' }] });

    // The unit's order page now says the return was accepted.
    await signIn('承办单位操作员 · hrss');
    await open(`unit/${order.id}`);
    await page.getByTestId('return-accepted').waitFor({ timeout: 30_000 });
  }, STEP);

  it('退单审核: the dispatcher rejects a return with a note; the unit keeps its order', async () => {
    const { requestId, number, order } = await complaintForHrss('企业职工养老金核定有误');
    const filed = await platform.api('dispatch', 'POST', `/v1/dispatches/${requestId}/returns`, token('unit-operator:hrss'), {
      reasonCode: 'wrong-territory', basis: '诉求人户籍在外区，应由属地办理',
    });
    expect(filed.status).toBe(201);

    await signIn('派单员');
    await open('returns');
    const row = page.getByTestId('returns').locator('tr.ant-table-row').filter({ hasText: number });
    await row.filter({ hasText: '属地不符' }).waitFor({ timeout: 60_000 });
    await row.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId(`return-decision-${filed.body.id}`);
    await panel.getByRole('radio', { name: '退单不成立（原单位继续办理）' }).check();
    // A decision without its note is refused in the page, before any call.
    await panel.getByRole('button', { name: '确认不成立' }).click();
    await panel.getByText('请填写审核意见').waitFor();
    await page.locator(`#return-note-${filed.body.id}`).fill('养老金核定属本局权责清单事项，不以户籍区分');
    await panel.getByRole('button', { name: '确认不成立' }).click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });

    const [decided] = await returnsOf(requestId);
    expect(decided).toMatchObject({ status: 'rejected', decisionNote: '养老金核定属本局权责清单事项，不以户籍区分' });
    const kept = (await ordersOf(requestId)).find((o) => o.id === order.id);
    expect(kept).toMatchObject({ status: 'awaiting-sign', cancelReason: null });

    // The rejected returns, the latest decision first: this one.
    await page.getByText('已审核 · 不成立', { exact: true }).click();
    await page.getByTestId('returns').locator('tr.ant-table-row').first().filter({ hasText: number }).filter({ hasText: '退单不成立' }).waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshotClean('dispatcher-returns-decided');

    // The unit reads its own return back: the rejection and its note reach its order page.
    await signIn('承办单位操作员 · hrss');
    await open(`unit/${order.id}`);
    await page.getByTestId('return-rejected').waitFor({ timeout: 30_000 });
    await page.getByTestId('return-decision-note').filter({ hasText: '养老金核定属本局权责清单事项' }).waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
  }, STEP);

  it('提级统筹: the dispatcher escalates a hard case; the city government becomes its designated primary unit', async () => {
    const { requestId, number, order } = await complaintForHrss('养老保险跨省转移涉及多部门');

    await signIn('派单员');
    await open('escalations');
    const row = page.getByTestId('escalation-requests').locator('tr.ant-table-row').filter({ hasText: number });
    await row.waitFor({ timeout: 30_000 });
    await row.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId(`escalation-${requestId}`);
    await panel.getByTestId('escalation-dispatch').filter({ hasText: `${unitName['hrss']}（主办）` }).waitFor();
    await page.locator(`#escalation-reason-${requestId}`).fill('跨省转移涉及人社、医保和税务，需市政府统筹');
    await screenshotClean('dispatcher-escalation');
    // Enter in the reason escalates.
    await page.locator(`#escalation-reason-${requestId}`).press('Enter');
    await panel.getByTestId('escalation-dispatch').filter({ hasText: `${unitName['city-gov']}（主办）` }).waitFor({ timeout: 30_000 });
    await panel.getByTestId('escalation-history').getByText('需市政府统筹').waitFor();
    // The tenant-wide list, newest first, has it on top.
    await page.getByTestId('escalations').locator('tr.ant-table-row').first().filter({ hasText: number }).filter({ hasText: `${unitName['hrss']} → ${unitName['city-gov']}` }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.ant-alert-error').count()).toBe(0);

    const dispatch = await platform.api('dispatch', 'GET', `/v1/dispatches/${requestId}`, token('dispatcher'));
    expect(dispatch.body).toMatchObject({ mode: 'escalated', attempt: 2, designated: true, assignments: [{ unitCode: 'city-gov', role: 'primary' }] });
    const escalations = await platform.api('dispatch', 'GET', `/v1/dispatches/${requestId}/escalations`, token('supervisor'));
    expect(escalations.body.items).toEqual([expect.objectContaining({ reason: '跨省转移涉及人社、医保和税务，需市政府统筹', escalatedBy: `${TENANT}:dispatcher` })]);
    const cancelled = await orderWhere('hrss’s order cancelled', requestId, (o) => o.id === order.id && o.status === 'cancelled');
    expect(cancelled.cancelReason).toBe('escalated');
  }, STEP);

  it('重办: the reviewer records an unresolved revisit and judges it reasonable; the unit’s order is reopened', async () => {
    const { requestId, number, order } = await complaintForHrss('社保补缴未到账');
    await answerAndPass({ requestId, orderId: order.id, unitCode: 'hrss' }, {
      answer: '已转交社保经办机构核查。', basis: '《社会保险法》第六十三条', contactRecord: '电话联系诉求人，告知办理进度',
    });

    // The revisit comes back unresolved and dissatisfied (keyboard in the select: ↓ to 不满意).
    await signIn('复核员');
    await open('revisits');
    const form = page.getByTestId(`revisit-${requestId}`);
    await form.waitFor({ timeout: 30_000 });
    await form.getByRole('radio', { name: '未解决' }).check();
    await page.locator(`#satisfaction-${requestId}`).click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.locator('.ant-select-item-option-active[title="不满意"]').waitFor();
    await page.keyboard.press('Enter');
    await form.getByRole('button', { name: '记录回访' }).click();

    // revisit lists it as awaiting its judgement; the judgement panel takes it: 合理差评 (the default), the note, Ctrl+Enter.
    const card = page.getByTestId(`judgement-${requestId}`);
    await card.getByText(number).waitFor({ timeout: 30_000 });
    await card.getByText('未解决').waitFor();
    await page.locator(`#judgement-note-${requestId}`).fill('补缴款项仍未到账，单位未实际处理');
    await screenshotClean('reviewer-redo-judgement');
    await page.locator(`#judgement-note-${requestId}`).press('Control+Enter');
    await card.getByTestId('judgement-outcome').filter({ hasText: '合理差评（发回重办）' }).waitFor();
    expect(await page.locator('.ant-alert-error').count()).toBe(0);

    // handling reopens hrss's order for another round; revisit counts the redo.
    const reopened = await orderWhere('the order reopened', requestId, (o) => o.id === order.id && o.status === 'in-progress' && o.reworkCount === 1);
    expect(reopened.reworkDueAt).not.toBeNull();
    const counts = await platform.api('revisit', 'GET', '/v1/revisits/redo-counts', token('reviewer'));
    expect(counts.body.items).toContainEqual({ unitId: order.unitId, evaluatedRequests: 1, redoneRequests: 1, evaluations: 1, redoRounds: 1, redoRate: 1 });

    // 重办认定 shows the unit's figures (the reviewer reads unit names from the work orders).
    await open('redo');
    await page.getByTestId('redo-counts').getByRole('row').filter({ hasText: unitName['hrss']! }).filter({ hasText: '100.0%' }).waitFor({ timeout: 30_000 });
    // Judged, it no longer waits: revisit's list (which the page shows) does not hold it.
    const awaiting = await platform.api('revisit', 'GET', '/v1/revisits/awaiting-judgement?limit=200', token('reviewer'));
    expect((awaiting.body.items as Array<{ requestId: string }>).map((i) => i.requestId)).not.toContain(requestId);
    expect(await page.getByTestId(`judgement-${requestId}`).count()).toBe(0);
    await screenshotClean('reviewer-redo-counts');
  }, 2 * STEP);
});
