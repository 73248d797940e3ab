import { RequestProgressEntity } from './request-progress.entity';
import { RevisitEntity } from './revisit.entity';
import { toProgressView, toRevisitView } from './revisits.views';

describe('revisit views', () => {
  it('show a waiting request and a recorded revisit with RFC 3339 times', () => {
    const progress = Object.assign(new RequestProgressEntity(), {
      tenantId: 'city-a', requestId: 'q1', primaryWorkOrderId: 'w1', primaryUnitId: 'u1', status: 'awaiting-revisit',
      updatedAt: new Date('2025-01-24T02:00:00Z'), closedAt: null, closedBy: null, revisitOutcome: null, skipReason: null, attempts: 1, hotlineCheck: false,
    });
    expect(toProgressView(progress)).toEqual({
      requestId: 'q1', primaryWorkOrderId: 'w1', primaryUnitId: 'u1', status: 'awaiting-revisit', hotlineCheck: false, attempts: 1, updatedAt: '2025-01-24T02:00:00.000Z',
    });
    const revisit = Object.assign(new RevisitEntity(), {
      id: 'v1', tenantId: 'city-a', requestId: 'q1', unitId: 'u1', method: 'phone', resolved: false, resolution: 'unresolved',
      satisfaction: 'dissatisfied', respondent: 'other', note: null, defaulted: false, judgement: 'unreasonable', judgementNote: '已按政策答复',
      judgedAt: new Date('2025-01-26T02:00:00Z'), judgedBy: 'reviewer-1', recordedAt: new Date('2025-01-25T02:00:00Z'), recordedBy: 'agent-1',
    });
    expect(toRevisitView(revisit)).toEqual({
      id: 'v1', requestId: 'q1', unitId: 'u1', method: 'phone', resolved: false, resolution: 'unresolved', satisfaction: 'dissatisfied',
      respondent: 'other', note: null, defaulted: false, judgement: 'unreasonable', judgementNote: '已按政策答复', judgedAt: '2025-01-26T02:00:00.000Z',
      judgedBy: 'reviewer-1', recordedAt: '2025-01-25T02:00:00.000Z', recordedBy: 'agent-1',
    });
  });
});
