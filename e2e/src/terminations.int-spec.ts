import { Client } from 'pg';
import { addDays } from '@hotline/calendar';
import { localToday } from '@hotline/revisit-domain';
import { ADMIN_DATABASE_URL, eventually } from '@hotline/testing';
import { FOLLOW_UP_DUE_TIMER } from '../../services/revisit/src/follow-ups/follow-up-changes';
import { LocalPlatform } from './support/platform';

// 诉求终结 and 持续跟踪 across the five real services (issue 13, ADR 0032), driven through the
// public APIs: a repeated phone complaint terminated on two persons' word — intake's final
// status, handling's order cancelled, revisit's archive without a revisit, analytics counting it
// apart — and its next repeat answered at intake with the legal route; a dissatisfied evaluation
// judged a follow-up, closed, brought due by its durable timer, reported on and ended.
describe('terminations and follow-ups end to end', () => {
  let p: LocalPlatform;
  let tokens: Record<string, Record<string, string>>;
  const A = 'city-3201';
  const as = (role: string) => tokens[A]![role]!;
  const LEGAL_ROUTE = '如对处理结果不服，可依法向玄武区人民政府申请行政复议或向玄武区人民法院提起行政诉讼';

  beforeAll(async () => {
    // launch + wait, as revisit-redo does: start()'s 150 s bound is tight on a loaded machine.
    p = LocalPlatform.launch();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`platform not ready in 580 s:\n${p.output}`)), 580_000);
    });
    await Promise.race([p.waitForOutput(/\[start\] platform ready/), late]).finally(() => clearTimeout(timer));
    tokens = p.tokens();
  }, 600_000);

  afterAll(() => p?.destroy(), 60_000);

  /** An agent-entered phone complaint, catalogued to a single unit by its category (04 → env, 08 → hrss). */
  async function enter(body: Record<string, unknown>) {
    const res = await p.api('intake', 'POST', '/v1/requests', as('agent'), {
      channel: 'phone',
      requester: { name: '王五', phone: '13700002222' },
      title: '餐馆油烟扰民',
      content: '楼下餐馆油烟直排，熏到住户，要求关停餐馆',
      areaCode: '320104',
      requestType: 'complaint',
      urgency: 'normal',
      categoryCode: '040101',
      scope: { decision: 'in-scope' },
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string; terminatedMatches: Array<Record<string, unknown>> };
  }

  const ordersOf = async (requestId: string) =>
    (await p.api('handling', 'GET', `/v1/work-orders?requestId=${requestId}`, as('supervisor'))).body.items as Array<Record<string, string & number>>;

  const primaryOrder = (requestId: string, accept: (o: Record<string, unknown>) => boolean = () => true) =>
    eventually(`the primary order of ${requestId}`, async () => {
      const order = (await ordersOf(requestId)).find((o) => o.role === 'primary');
      return order && accept(order) ? order : undefined;
    });

  const requestOf = async (requestId: string) => (await p.api('intake', 'GET', `/v1/requests/${requestId}`, as('agent'))).body;
  const archivedAtIntake = (requestId: string) =>
    eventually(`${requestId} archived at intake`, async () => {
      const request = await requestOf(requestId);
      return request.status === 'archived' ? request : undefined;
    });
  const archiveRecordOf = async (requestId: string) => {
    const res = await p.api('revisit', 'GET', '/v1/archive?limit=200', as('supervisor'));
    return (res.body.items as Array<{ requestId: string; record: Record<string, never> }>).find((a) => a.requestId === requestId)?.record;
  };

  it('terminates a repeated complaint on two persons’ word, counts it apart, and answers its next repeat with the legal route', async () => {
    // The same requester's earlier complaint on the matter: the evidence.
    const earlier = await enter({});
    await primaryOrder(earlier.id);
    const request = await enter({ content: '又来反映楼下餐馆油烟直排，要求关停餐馆' });
    const order = await primaryOrder(request.id);
    expect(order.unitCode).toBe('env');
    const proposal = {
      reasonCode: 'repeated-no-new-facts',
      evidenceRequestNumbers: [earlier.number],
      legalRoute: LEGAL_ROUTE,
      note: '同一诉求人就同一事项重复反映，无新事实和理由',
    };

    // Two persons: whoever proposes never decides. A supervisor's own proposal is refused to
    // them and withdrawn; the agent's is not theirs to approve (not a decider) either.
    const own = await p.api('intake', 'POST', `/v1/requests/${request.id}/terminations`, as('supervisor'), proposal);
    expect(own.status).toBe(201);
    const selfApproved = await p.api('intake', 'POST', `/v1/requests/${request.id}/terminations/${own.body.id}/approve`, as('supervisor'));
    expect([selfApproved.status, selfApproved.body.code]).toEqual([403, 'two_person_rule']);
    expect((await p.api('intake', 'POST', `/v1/requests/${request.id}/terminations/${own.body.id}/withdraw`, as('supervisor'))).body.state).toBe('withdrawn');

    const proposed = await p.api('intake', 'POST', `/v1/requests/${request.id}/terminations`, as('agent'), proposal);
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ state: 'proposed', proposedBy: `${A}:agent`, evidenceRequestNumbers: [earlier.number] });
    const termination = proposed.body.id as string;
    expect((await p.api('intake', 'POST', `/v1/requests/${request.id}/terminations/${termination}/approve`, as('agent'))).status).toBe(403);
    expect((await requestOf(request.id)).status).not.toBe('terminated');

    const approved = await p.api('intake', 'POST', `/v1/requests/${request.id}/terminations/${termination}/approve`, as('supervisor'));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', decidedBy: `${A}:supervisor`, legalRoute: LEGAL_ROUTE });

    // intake: terminated, then archived by revisit without a revisit (both steps on the timeline).
    const archived = await archivedAtIntake(request.id);
    const statuses = (archived.timeline as Array<{ status: string | null }>).map((t) => t.status).filter(Boolean);
    expect(statuses.slice(-2)).toEqual(['terminated', 'archived']);
    expect(archived.termination).toMatchObject({ id: termination, state: 'approved' });

    // handling: the open order cancelled.
    await primaryOrder(request.id, (o) => o.status === 'cancelled');
    expect((await primaryOrder(earlier.id)).status).not.toBe('cancelled');

    // revisit: archived with its termination, no revisit, the archive chain intact.
    const record = await archiveRecordOf(request.id);
    expect(record).toMatchObject({
      revisit: null,
      closure: {
        outcome: 'terminated',
        detail: LEGAL_ROUTE,
        termination: {
          terminationId: termination,
          reasonCode: 'repeated-no-new-facts',
          evidenceRequestNumbers: [earlier.number],
          proposedBy: `${A}:agent`,
          approvedBy: `${A}:supervisor`,
        },
      },
    });
    expect((await p.api('revisit', 'GET', '/v1/archive/verify', as('supervisor'))).body).toMatchObject({ intact: true });
    const pending = await p.api('revisit', 'GET', '/v1/revisits/pending?limit=200', as('agent'));
    expect((pending.body.items as Array<{ requestId: string }>).map((r) => r.requestId)).not.toContain(request.id);

    // analytics: terminated counted apart by reason; the unit's rates leave its order out (the
    // default rate settings exclude terminated requests) and count it as terminatedWorkOrders.
    const counted = await eventually('analytics counted the termination', async () => {
      const res = await p.api('analytics', 'GET', '/v1/metrics/statuses', as('supervisor'));
      return res.body.terminated === 1 ? res.body : undefined;
    });
    expect(counted.terminationReasons).toContainEqual({ reasonCode: 'repeated-no-new-facts', count: 1 });
    const env = await eventually('the unit’s rates leave the terminated order out', async () => {
      const res = await p.api('analytics', 'GET', '/v1/metrics/rates?groupBy=unit', as('supervisor'));
      const row = (res.body.items as Array<Record<string, number | string>>).find((r) => r.key === order.unitId);
      return row?.terminatedWorkOrders === 1 ? row : undefined;
    });
    expect(env.workOrders).toBe(1); // the earlier request's order only

    // The next repeat from the same phone: seen while entered, and in the registration answered
    // as the terminated matter — closed at intake with the legal route, linked to it.
    const repeat = { requester: { phone: '13700002222' }, content: '还是楼下餐馆油烟的事，要求关停', areaCode: '320104', categoryCode: '040101' };
    const probe = await p.api('intake', 'POST', '/v1/duplicate-candidates', as('agent'), repeat);
    expect(probe.status).toBe(200);
    expect((probe.body.terminatedMatches as Array<{ requestId: string }>).map((m) => m.requestId)).toEqual([request.id]);
    const answered = await enter({ content: repeat.content, scope: { decision: 'terminated-matter', terminatedRequestId: request.id } });
    expect(answered.terminatedMatches).toEqual([
      expect.objectContaining({
        requestId: request.id,
        number: request.number,
        reasons: expect.arrayContaining(['same-requester']),
        termination: expect.objectContaining({ terminationId: termination, reasonCode: 'repeated-no-new-facts', legalRoute: LEGAL_ROUTE }),
      }),
    ]);
    expect(answered).toMatchObject({
      status: 'not-accepted',
      scope: { decision: 'terminated-matter', detail: LEGAL_ROUTE },
      terminatedMatterOf: { id: request.id, number: request.number },
      closedAt: expect.any(String),
    });
    expect(await ordersOf(answered.id)).toEqual([]);
    expect((await requestOf(request.id)).terminatedMatterRepeats).toEqual([expect.objectContaining({ id: answered.id })]);
  });

  it('closes a dissatisfied evaluation into a follow-up, which falls due on its timer, is reported on and ended', async () => {
    const request = await enter({
      requester: { name: '赵六', phone: '13600003333' },
      categoryCode: '080101',
      title: '老旧小区加装电梯补贴',
      content: '申请的加装电梯补贴一年未发放',
    });
    const order = await primaryOrder(request.id);
    expect(order.unitCode).toBe('hrss');
    const operator = as(`unit-operator:${order.unitCode}`);
    expect((await p.api('handling', 'POST', `/v1/work-orders/${order.id}/sign`, operator)).status).toBeLessThan(300);
    const answer = await p.api('handling', 'POST', `/v1/work-orders/${order.id}/answer`, operator, {
      answer: '补贴资金待明年财政预算安排后发放。', basis: '《既有住宅增设电梯补贴办法》', contactRecord: '电话联系诉求人，告知资金安排',
    });
    expect([200, 201]).toContain(answer.status);
    const review = await eventually(`the review of ${order.id}`, async () => {
      const res = await p.api('revisit', 'GET', '/v1/reviews?status=pending&limit=200', as('reviewer'));
      return (res.body.items as Array<{ id: string; workOrderId: string }>).find((r) => r.workOrderId === order.id);
    });
    expect((await p.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, as('reviewer'), { passed: true })).status).toBe(200);
    await eventually(`${request.id} awaiting its revisit`, async () => {
      const res = await p.api('revisit', 'GET', '/v1/revisits/pending?limit=200', as('agent'));
      return (res.body.items as Array<{ requestId: string }>).some((r) => r.requestId === request.id) || undefined;
    });
    const evaluated = await p.api('revisit', 'POST', '/v1/revisits', as('agent'), {
      requestId: request.id, method: 'phone', resolution: 'unresolved', satisfaction: 'dissatisfied', respondent: 'requester',
    });
    expect([evaluated.status, evaluated.body.archive]).toEqual([201, null]);

    const tomorrow = addDays(localToday(new Date(), 'Asia/Shanghai'), 1);
    const judged = await p.api('revisit', 'POST', `/v1/revisits/${request.id}/judgement`, as('reviewer'), {
      judgement: 'follow-up', reason: 'funding', followUpOn: tomorrow, note: '补贴待财政资金到位，持续跟踪',
    });
    expect(judged.status).toBe(200);
    expect(judged.body.revisit).toMatchObject({ judgement: 'follow-up' });
    expect(judged.body.followUp).toMatchObject({ requestId: request.id, unitCode: 'hrss', reason: 'funding', state: 'scheduled', dueOn: tomorrow });
    expect(judged.body.archive).not.toBeNull();
    const followUp = judged.body.followUp.id as string;
    await archivedAtIntake(request.id);
    // 持续跟踪 reopens nothing: the order stays reviewed.
    expect((await primaryOrder(request.id)).status).toBe('reviewed');

    // Its date comes: the durable timer, brought due now in revisit's database (the tests' way
    // with durable timers), makes it due.
    await dateComes(followUp);
    const followUpIn = (state: string) =>
      eventually(`follow-up ${followUp} ${state}`, async () => {
        const res = await p.api('revisit', 'GET', `/v1/follow-ups/${followUp}`, as('reviewer'));
        return res.body?.state === state ? res.body : undefined;
      });
    await followUpIn('due');
    const mine = await p.api('revisit', 'GET', '/v1/follow-ups?state=due', operator);
    expect((mine.body.items as Array<{ id: string }>).map((f) => f.id)).toContain(followUp);

    const reported = await p.api('revisit', 'POST', `/v1/follow-ups/${followUp}/progress`, operator, { note: '财政资金已到位，补贴已发放' });
    expect([reported.status, reported.body.state]).toEqual([200, 'reported']);
    const ended = await p.api('revisit', 'POST', `/v1/follow-ups/${followUp}/revisit`, as('reviewer'), {
      note: '诉求人确认补贴已到账', resolution: 'resolved', satisfaction: 'satisfied',
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ state: 'ended', endedAt: expect.any(String) });
    expect((ended.body.history as Array<{ state: string }>).map((h) => h.state)).toEqual(['scheduled', 'due', 'reported', 'ended']);
  });

  /** Brings a follow-up's pending timer due now in revisit's own database, as the coming of its date would. */
  async function dateComes(followUpId: string) {
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${p.prefix}_revisit`;
    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const changed = await db.query(`update timers set due_at = now() where kind = $1 and key = $2 and state = 'pending'`, [FOLLOW_UP_DUE_TIMER, followUpId]);
      expect(changed.rowCount).toBe(1);
    } finally {
      await db.end();
    }
  }
});
