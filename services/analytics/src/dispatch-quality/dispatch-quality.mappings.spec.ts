import type { dispatchEventsV1 } from '@hotline/contracts';
import { dispatchAttemptOf, returnDecidedOf, returnFiledOf } from './dispatch-quality.mappings';

const PUBLISHED = new Date('2026-03-02T08:00:00Z');
const dispatched = (over: Partial<dispatchEventsV1.RequestDispatched> = {}): dispatchEventsV1.RequestDispatched => ({
  request: { requestId: 'r1' } as dispatchEventsV1.RequestDispatched['request'],
  assignments: [
    { unitId: 'u2', unitName: '街道', role: 'assisting', unitCode: 'jd' },
    { unitId: 'u1', unitName: '住建局', role: 'primary', unitCode: 'zj' },
  ],
  mode: 'manual',
  catalogVersion: 0,
  // 23:30 in Shanghai: still 2026-03-02 there.
  dispatchedAt: '2026-03-02T15:30:00Z',
  dispatchedBy: 'dispatcher-1',
  attempt: 2,
  designated: false,
  ...over,
});
const unit = { unitId: 'u1', unitName: '住建局', role: 'primary', unitCode: 'zj' };

describe('dispatch quality facts from dispatch events', () => {
  it('counts an attempt for its primary unit on the local day of the dispatch', () => {
    expect(dispatchAttemptOf(dispatched(), PUBLISHED)).toEqual({
      requestId: 'r1', attempt: 2, unitId: 'u1', unitCode: 'zj', unitName: '住建局', mode: 'manual', designated: false,
      dispatchedAt: new Date('2026-03-02T15:30:00Z'), day: '2026-03-02',
    });
    expect(dispatchAttemptOf(dispatched({ dispatchedAt: '2026-03-02T16:30:00Z' }), PUBLISHED)?.day).toBe('2026-03-03');
  });

  it('takes an event from before attempts were counted as the first, a bad time as the publication, and skips one without units', () => {
    const old = dispatchAttemptOf(dispatched({ attempt: undefined, designated: undefined, dispatchedAt: 'soon' }), PUBLISHED);
    expect(old).toMatchObject({ attempt: 1, designated: false, dispatchedAt: PUBLISHED, day: '2026-03-02' });
    expect(dispatchAttemptOf(dispatched({ assignments: [] }), PUBLISHED)).toBeNull();
  });

  it('files a return in review and settles it by the outcome; an unknown outcome is not a decision', () => {
    const filed = { returnId: 'x1', requestId: 'r1', attempt: 1, unit, reasonCode: 'not-our-duty', returnedBy: 'op', returnedAt: '2026-03-02T09:00:00Z', windowDueAt: '' };
    expect(returnFiledOf(filed, PUBLISHED)).toMatchObject({ status: 'in-review', filedAt: new Date('2026-03-02T09:00:00Z'), decidedAt: null, unitCode: 'zj' });
    const decided = { returnId: 'x1', requestId: 'r1', attempt: 1, unit, reasonCode: 'not-our-duty', outcome: 'accepted', decidedBy: 'd', decidedAt: '' };
    expect(returnDecidedOf(decided, PUBLISHED)).toMatchObject({ status: 'accepted', decidedAt: PUBLISHED, filedAt: null });
    expect(returnDecidedOf({ ...decided, outcome: 'in-review' }, PUBLISHED)).toBeNull();
    expect(returnDecidedOf({ ...decided, outcome: 'maybe' }, PUBLISHED)).toBeNull();
  });
});
