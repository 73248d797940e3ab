import {
  answeredOrderOf,
  cancelledOrderOf,
  caseDispatchOf,
  caseRequestOf,
  createdOrderOf,
  instant,
  intakeClosureOf,
  reopenedOrderOf,
  signedOrderOf,
} from './case-file.mapping';

const brief = {
  requestId: 'q1', number: '3201-20250120-000001', channel: 'web', requestType: 'report', urgency: 'urgent', categoryCode: '0306',
  areaCode: '320104', title: '噪声', content: '夜间施工', receivedAt: '2025-01-20T09:00:00+08:00', requesterMaskedName: '李*',
  requesterMaskedPhone: '139****0000', confidential: false, anonymous: false, categoryPath: ['03', '0306'], taxonomyVersion: 1,
};
const received = new Date('2025-01-20T02:00:00Z');

describe('case-file mappings of events', () => {
  it('reads instants into UTC and empty ones as unknown', () => {
    expect(instant('2025-01-20T09:00:00+08:00')).toBe('2025-01-20T01:00:00.000Z');
    expect(instant('')).toBeNull();
    expect(instant('yesterday')).toBeNull();
  });

  it('files the brief with the masked requester only', () => {
    expect(caseRequestOf(brief)).toEqual({
      requestId: 'q1', number: '3201-20250120-000001', channel: 'web', requestType: 'report', urgency: 'urgent', categoryCode: '0306',
      categoryPath: ['03', '0306'], taxonomyVersion: 1, areaCode: '320104', title: '噪声', content: '夜间施工', receivedAt: '2025-01-20T01:00:00.000Z',
      requester: { maskedName: '李*', maskedPhone: '139****0000', anonymous: false, confidential: false },
    });
    expect(caseRequestOf({ ...brief, requesterMaskedPhone: '13900000000' }).requester.maskedPhone).toBe('');
    expect(caseRequestOf({ ...brief, title: '回电13912345678', content: '身份证110101199003074514' })).toMatchObject({
      title: '回电139****5678', content: '身份证110101********4514',
    });
    expect(caseRequestOf({ ...brief, confidential: true }).requester).toEqual({ maskedName: '', maskedPhone: '', anonymous: false, confidential: true });
  });

  it('files a dispatch, its assignments with vocabulary roles, and intake’s closure', () => {
    const dispatch = caseDispatchOf({
      request: brief, mode: 'manual', catalogVersion: 0, dispatchedAt: '', dispatchedBy: 'dispatcher-1',
      assignments: [{ unitId: 'u1', unitName: '住建局', unitCode: 'housing', role: 'lead' }],
    }, received);
    expect(dispatch).toEqual({
      mode: 'manual', catalogVersion: 0, dispatchedAt: '2025-01-20T02:00:00.000Z', dispatchedBy: 'dispatcher-1',
      assignments: [{ unitId: 'u1', unitName: '住建局', unitCode: 'housing', role: 'assisting' }],
    });
    expect(intakeClosureOf({ request: brief, outcome: 'explained', detail: '已解释', closedAt: '2025-01-20T01:00:00Z', closedBy: 'agent-1' }, received)).toEqual({
      outcome: 'explained', detail: '已解释', closedAt: '2025-01-20T01:00:00.000Z', closedBy: 'agent-1',
    });
    expect(intakeClosureOf({ request: brief, outcome: 'explained', detail: '请拨025-84561234', closedAt: '', closedBy: 'a' }, received).detail).toBe(
      '请拨025-****1234',
    );
  });

  it('files what each work-order event says of its order', () => {
    const key = { workOrderId: 'w1', requestId: 'q1', unitId: 'u1' };
    expect(createdOrderOf({
      workOrderId: 'w1', request: brief, unitId: 'u1', unitName: '住建局', role: 'primary', signDueAt: '2025-01-21T01:00:00Z',
      handleDueAt: '2025-02-10T01:00:00Z', createdAt: '2025-01-20T01:00:00Z', unitCode: '', dueProvisional: true,
    })).toEqual({
      ...key, unitName: '住建局', unitCode: null, role: 'primary', createdAt: '2025-01-20T01:00:00.000Z', signDueAt: '2025-01-21T01:00:00.000Z',
      handleDueAt: '2025-02-10T01:00:00.000Z', dueProvisional: true,
    });
    expect(signedOrderOf({ ...key, signedAt: '2025-01-20T03:00:00Z', onTime: true, signedBy: '' })).toEqual({
      ...key, signedAt: '2025-01-20T03:00:00.000Z', signedBy: null,
    });
    expect(reopenedOrderOf({ ...key, reasons: ['x'], reworkCount: 2, handleDueAt: '', reopenedAt: '2025-01-22T00:00:00Z', reworkDueAt: '2025-01-29T00:00:00Z' })).toEqual({
      ...key, handleDueAt: null, reworkRound: 2, reworkDueAt: '2025-01-29T00:00:00.000Z',
    });
    expect(answeredOrderOf({
      ...key, role: 'assisting', answer: 'a', basis: 'b', contactRecord: 'c', answeredAt: '2025-01-23T00:00:00Z', onTime: false, reworkCount: 0,
      handlingWorkingHours: 3, answeredBy: 'op', signedOffBy: '', handleDueAt: '2025-02-10T01:00:00Z', reworkDueAt: '', reworkOnTime: false,
    })).toEqual({ ...key, role: 'assisting', handleDueAt: '2025-02-10T01:00:00.000Z', reworkRound: 0, reworkDueAt: null });
    expect(cancelledOrderOf({ ...key, role: 'assisting', reason: 'request-closed', previousStatus: 'in-progress', cancelledAt: '2025-01-25T00:00:00Z' })).toEqual({
      ...key, role: 'assisting', reason: 'request-closed', previousStatus: 'in-progress', cancelledAt: '2025-01-25T00:00:00.000Z',
    });
  });
});
