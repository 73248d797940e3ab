import { computeDue, createWorkingCalendar } from '@hotline/calendar';
import { Events, revisitEventsV1 } from '@hotline/contracts';
import { uuidv7 } from '@hotline/platform';
import { startServiceUnderTest, ServiceUnderTest } from '@hotline/service-testing';
import { eventually } from '@hotline/testing';
import { handlingService } from '../handling.service';
import { assignment, brief, dispatchAndWait, dispatched, outboxEvents, publishAndWait, reviewed, staffToken } from '../../test/work-order-fixtures';

// 重办 on the real database and broker: revisit's EvaluationJudged reopens the reviewed primary
// order with a new limit when the complaint was judged reasonable, and changes nothing otherwise.
describe('handling: 重办 after a reasonable complaint', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startServiceUnderTest(handlingService);
  });

  afterAll(() => sut?.close());

  const judged = (order: { id: string; requestId: string; unitId: string }, reasonable: boolean): revisitEventsV1.EvaluationJudged => ({
    requestId: order.requestId,
    revisitId: uuidv7(),
    reasonable,
    note: reasonable ? '补缴款项仍未到账' : '诉求超出政策范围',
    judgedAt: new Date().toISOString(),
    judgedBy: 'city-r:reviewer-1',
    unitId: order.unitId,
    workOrderId: order.id,
  });

  it('reopens the reviewed order for another round due under its own rule from the judgement; unreasonable or repeated changes nothing', async () => {
    const [order] = await dispatchAndWait(sut, 'city-r', dispatched(brief({ requestType: 'complaint' }), [assignment('u-hrss')]), 1);
    const operator = await staffToken('city-r', ['unit-operator'], 'op-1', 'u-hrss');
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/sign`, operator)).status).toBe(200);
    const body = { answer: '已转交社保经办机构核查', basis: '《社会保险法》第六十三条', contactRecord: '电话联系诉求人' };
    expect((await sut.request('POST', `/v1/work-orders/${order.id}/answer`, operator, body)).status).toBe(200);
    await publishAndWait(sut, Events.revisit.answerReviewed, 'city-r', reviewed(order, true));
    const get = async () => (await sut.as('city-r', ['supervisor'])('GET', `/v1/work-orders/${order.id}`)).body;
    expect(await get()).toMatchObject({ status: 'reviewed', reworkCount: 0 });

    await publishAndWait(sut, Events.revisit.evaluationJudged, 'city-r', judged(order, false));
    expect(await get()).toMatchObject({ status: 'reviewed', reworkCount: 0 });

    const reasonable = judged(order, true);
    await publishAndWait(sut, Events.revisit.evaluationJudged, 'city-r', reasonable);
    const reopened = await eventually('reopened for 重办', async () => ((await get()).status === 'in-progress' ? get() : undefined));
    const national = createWorkingCalendar({ timeZone: 'Asia/Shanghai' });
    expect(reopened).toMatchObject({
      reworkCount: 1,
      handleDueAt: order.handleDueAt,
      reworkDueAt: computeDue(national, new Date(reasonable.judgedAt), { unit: 'working-days', amount: 15 }).toISOString(),
    });
    const [event] = await outboxEvents(sut, Events.handling.workOrderReopened, order.id);
    expect(event).toMatchObject({ reasons: ['补缴款项仍未到账'], reworkCount: 1, reworkDueAt: reopened.reworkDueAt });

    // The same judgement again (republished under another id) finds the order in progress: nothing more.
    await publishAndWait(sut, Events.revisit.evaluationJudged, 'city-r', reasonable);
    expect(await get()).toMatchObject({ status: 'in-progress', reworkCount: 1 });
    const again = await sut.request('POST', `/v1/work-orders/${order.id}/answer`, operator, { ...body, answer: '已督促补缴到账' });
    expect(again).toMatchObject({ status: 200, body: { status: 'answered', reworkCount: 1 } });
  });
});
