import { answeredEvent, cancelledEvent, createdEvent, reopenedEvent } from './work-order-events';
import { WorkOrderEntity } from './work-order.entity';
import { toWorkOrderView } from './work-orders.views';

const at = (iso: string) => new Date(iso);

function order(overrides: Partial<WorkOrderEntity> = {}): WorkOrderEntity {
  return {
    id: '0190f0e0-0000-7000-8000-000000000001',
    tenantId: 'city-a',
    requestId: 'r-1',
    unitId: 'id-u',
    unitCode: 'u',
    unitName: '单位',
    role: 'assisting',
    status: 'answered',
    brief: { requestId: 'r-1', requesterMaskedName: '张*', requesterMaskedPhone: '138****5678' } as WorkOrderEntity['brief'],
    createdAt: at('2026-12-14T02:00:00Z'),
    handlingClockStart: 'dispatch',
    handleStartedAt: at('2026-12-14T02:00:00Z'),
    pausedAt: null,
    timeLimit: null,
    signDueAt: at('2026-12-15T16:00:00Z'),
    handleDueAt: at('2027-01-04T16:00:00Z'),
    reworkDueAt: null,
    extendedDueAt: null,
    warningLevel: 'green',
    reopenedAt: null,
    dueProvisional: true,
    provisionalYears: [2027],
    signedAt: at('2026-12-14T03:00:00Z'),
    signedBy: 'city-a:li',
    answeredAt: at('2026-12-20T03:00:00Z'),
    answeredBy: 'city-a:wang',
    signedOffBy: null,
    answer: '已处理',
    basis: '依据',
    contactRecord: '电话',
    answerEnc: null,
    basisEnc: null,
    contactRecordEnc: null,
    reworkCount: 0,
    signOverdue: false,
    handleOverdue: false,
    reworkOverdue: false,
    cancelledAt: null,
    cancelReason: null,
    cancelledBy: null,
    cancelNote: null,
    ...overrides,
  };
}

describe('work-order events and views', () => {
  it('marks a provisional order in WorkOrderCreated', () => {
    expect(createdEvent(order())).toMatchObject({ dueProvisional: true, handleDueAt: '2027-01-04T16:00:00.000Z', role: 'assisting' });
  });

  it('carries the original and rework dues and who answered in WorkOrderAnswered', () => {
    const first = answeredEvent(order(), { onTime: true, reworkOnTime: false }, 12.5);
    expect(first).toMatchObject({ answeredBy: 'city-a:wang', handleDueAt: '2027-01-04T16:00:00.000Z', reworkDueAt: '', reworkOnTime: false });
    const rework = order({ reworkCount: 1, reworkDueAt: at('2027-01-20T16:00:00Z') });
    expect(answeredEvent(rework, { onTime: false, reworkOnTime: true }, 40)).toMatchObject({
      onTime: false, reworkOnTime: true, reworkCount: 1, reworkDueAt: '2027-01-20T16:00:00.000Z', handlingWorkingHours: 40,
    });
  });

  it('keeps the original due in WorkOrderReopened, and caps the reasons', () => {
    const reopened = order({ status: 'in-progress', reworkCount: 1, reopenedAt: at('2027-01-02T00:00:00Z'), reworkDueAt: at('2027-01-20T16:00:00Z') });
    expect(reopenedEvent(reopened, Array.from({ length: 60 }, (_, i) => `r${i}`))).toMatchObject({
      handleDueAt: '2027-01-04T16:00:00.000Z', reworkDueAt: '2027-01-20T16:00:00.000Z', reopenedAt: '2027-01-02T00:00:00.000Z',
    });
    expect(reopenedEvent(reopened, Array.from({ length: 60 }, (_, i) => `r${i}`)).reasons).toHaveLength(50);
  });

  it('says why and from which status an order was cancelled', () => {
    const cancelled = order({ status: 'cancelled', cancelReason: 'request-closed', cancelledAt: at('2027-01-05T00:00:00Z') });
    expect(cancelledEvent(cancelled, 'answered')).toEqual({
      workOrderId: cancelled.id, requestId: 'r-1', unitId: 'id-u', role: 'assisting',
      reason: 'request-closed', previousStatus: 'answered', cancelledAt: '2027-01-05T00:00:00.000Z',
    });
  });

  it('shows dues, marks, actors and the cancellation in the view, with masked identity only', () => {
    expect(toWorkOrderView(order())).toMatchObject({
      dueProvisional: true, provisionalYears: [2027], reworkDueAt: null, signedBy: 'city-a:li', answeredBy: 'city-a:wang',
      cancelledAt: null, cancelReason: null, request: { requesterMaskedPhone: '138****5678' },
    });
  });

  it('carries masked free text only, even from a row a release before this one wrote in clear', () => {
    const clear = order({
      brief: { ...order().brief, title: '联系13812345678', content: '身份证110101199003074514' },
      answer: '已退款至卡6222021234567890128', basis: '依据', contactRecord: '电话13812345678联系',
    });
    expect(answeredEvent(clear, { onTime: true, reworkOnTime: false }, 1)).toMatchObject({
      answer: '已退款至卡6222********0128', basis: '依据', contactRecord: '电话138****5678联系',
    });
    expect(createdEvent(clear).request).toMatchObject({ title: '联系138****5678', content: '身份证110101********4514' });
    expect(reopenedEvent(clear, ['第三人电话13900001111不应写入']).reasons).toEqual(['第三人电话139****1111不应写入']);
    expect(toWorkOrderView(clear)).toMatchObject({
      answer: '已退款至卡6222********0128', contactRecord: '电话138****5678联系', request: { title: '联系138****5678' },
    });
  });
});
