import { commonV1 } from '@hotline/contracts';
import { DispatchEntity } from './dispatch.entities';
import { requestDispatchedEvent, requestQueuedEvent } from './dispatching.events';
import { toDispatchView, toQueueItemView } from './dispatching.views';

const brief: commonV1.RequestBrief = {
  requestId: '0190a0a0-0000-7000-8000-0000000000aa',
  number: '3201-20250124-000042',
  channel: 'phone',
  requestType: 'complaint',
  urgency: 'urgent',
  categoryCode: 'A.1.3',
  areaCode: '320102001',
  title: '小区电梯停运三天',
  content: '3 栋电梯停运。',
  receivedAt: '2025-01-24T02:00:00.000Z',
  requesterMaskedName: '张*',
  requesterMaskedPhone: '138****5678',
  confidential: false,
  anonymous: false,
  categoryPath: ['A', 'A.1', 'A.1.3'],
  taxonomyVersion: 3,
};

const dispatch: DispatchEntity = {
  tenantId: 'city-3201',
  requestId: brief.requestId,
  mode: 'catalog',
  catalogVersion: 2,
  assignments: [{ unitId: 'u1', unitName: '住建局', unitCode: 'housing', role: 'primary' }],
  dispatchedAt: new Date('2025-01-24T02:00:01Z'),
  dispatchedBy: 'system:dispatch',
  attempt: 2,
  designated: false,
  firstResponsible: false,
  excludedUnitIds: ['u0'],
  brief,
};
const queued = {
  requestId: brief.requestId,
  brief,
  reason: 'no catalog entry for category A.1.3 in area 320102001',
  queuedAt: new Date('2025-01-24T02:00:01Z'),
  dueAt: new Date('2025-01-24T02:20:01.000Z') as Date | null,
  warnedAt: null as Date | null,
  breachedAt: null as Date | null,
};

describe('dispatching views and events', () => {
  it('shows a dispatch without its tenant, instants in RFC 3339', () => {
    expect(toDispatchView(dispatch)).toEqual({
      requestId: brief.requestId,
      mode: 'catalog',
      catalogVersion: 2,
      assignments: dispatch.assignments,
      dispatchedAt: '2025-01-24T02:00:01.000Z',
      dispatchedBy: 'system:dispatch',
      attempt: 2,
      designated: false,
      firstResponsible: false,
      excludedUnitIds: ['u0'],
    });
  });

  it('shows a dispatcher what places a waiting request, never the requester', () => {
    const view = toQueueItemView(queued, new Date('2025-01-24T02:05:00Z'));
    expect(view).toEqual({
      requestId: brief.requestId,
      number: brief.number,
      title: brief.title,
      categoryCode: 'A.1.3',
      areaCode: '320102001',
      requestType: 'complaint',
      urgency: 'urgent',
      reason: queued.reason,
      queuedAt: '2025-01-24T02:00:01.000Z',
      dueAt: '2025-01-24T02:20:01.000Z',
      clockLevel: 'on-time',
    });
    expect(JSON.stringify(view)).not.toMatch(/张|138/);
    const clear = { ...queued, brief: { ...brief, title: '请回电13812345678' } };
    expect(toQueueItemView(clear).title).toBe('请回电138****5678');
  });

  it('shows where a waiting request stands on its dispatch limit: raised levels, or breached once the due has passed', () => {
    const at = (iso: string) => new Date(iso);
    expect(toQueueItemView({ ...queued, warnedAt: at('2025-01-24T02:16:01Z') }, at('2025-01-24T02:17:00Z')).clockLevel).toBe('warning');
    expect(toQueueItemView(queued, at('2025-01-24T02:20:01Z')).clockLevel).toBe('breached');
    expect(toQueueItemView({ ...queued, breachedAt: at('2025-01-24T02:20:02Z') }).clockLevel).toBe('breached');
    expect(toQueueItemView({ ...queued, dueAt: null })).toMatchObject({ dueAt: null, clockLevel: null });
  });

  it('carries the brief as received, the assignments and the actor in RequestDispatched', () => {
    expect(requestDispatchedEvent(brief, dispatch)).toEqual({
      request: brief,
      assignments: dispatch.assignments,
      mode: 'catalog',
      catalogVersion: 2,
      dispatchedAt: '2025-01-24T02:00:01.000Z',
      dispatchedBy: 'system:dispatch',
      attempt: 2,
      designated: false,
    });
    expect(requestQueuedEvent(queued)).toEqual({ request: brief, reason: queued.reason, queuedAt: '2025-01-24T02:00:01.000Z' });
  });
});
