import { commonV1 } from '@hotline/contracts';

export const PRIMARY = 'unit-primary';
export const ASSISTING = 'unit-assisting';
/** An answer's text and a review's reasons: free text that must never reach the timeline. */
export const ANSWER_TEXT = '已联系物业公司维修';
export const REVIEW_REASON = '答复不完整';

// Lifecycle instants an hour after the suite starts, so every fact comes after its registration.
const BASE = Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000;
export const at = (minute: number) => new Date(BASE + minute * 60_000).toISOString();

const role = (unitId: string) => (unitId === PRIMARY ? 'primary' : 'assisting');

export const queued = (brief: commonV1.RequestBrief, minute: number) => ({ request: brief, reason: 'no catalog entry', queuedAt: at(minute) });

export const dispatched = (brief: commonV1.RequestBrief, minute: number, dispatchedBy = '') => ({
  request: brief,
  assignments: [
    { unitId: PRIMARY, unitName: '玄武区住建局', role: 'primary', unitCode: 'xw-zj' },
    { unitId: ASSISTING, unitName: '玄武区街道', role: 'assisting', unitCode: 'xw-jd' },
  ],
  mode: dispatchedBy ? 'manual' : 'catalog',
  catalogVersion: dispatchedBy ? 0 : 3,
  dispatchedAt: at(minute),
  dispatchedBy,
});

export const created = (brief: commonV1.RequestBrief, unitId: string, minute: number) => ({
  workOrderId: `wo-${unitId}`, request: brief, unitId, unitName: unitId, role: role(unitId),
  signDueAt: at(minute + 30), handleDueAt: at(minute + 60), createdAt: at(minute), unitCode: unitId, dueProvisional: false,
});

export const signed = (requestId: string, unitId: string, minute: number) => ({
  workOrderId: `wo-${unitId}`, requestId, unitId, signedAt: at(minute), onTime: true, signedBy: `op-${unitId}`,
});

export const answered = (requestId: string, unitId: string, minute: number, reworkCount = 0) => ({
  workOrderId: `wo-${unitId}`, requestId, unitId, role: role(unitId),
  answer: ANSWER_TEXT, basis: '', contactRecord: '电话联系', answeredAt: at(minute), onTime: true, reworkCount,
  handlingWorkingHours: 3, answeredBy: `op-${unitId}`, handleDueAt: at(50), reworkDueAt: '', reworkOnTime: false,
});

export const overdue = (requestId: string, unitId: string, minute: number) => ({
  workOrderId: `wo-${unitId}`, requestId, unitId, clock: 'handling', dueAt: at(minute), flaggedAt: at(minute),
});

export const reviewed = (requestId: string, unitId: string, passed: boolean, minute: number, stated = role(unitId)) => ({
  reviewId: `rv-${unitId}-${minute}`, requestId, workOrderId: `wo-${unitId}`, unitId, passed, reasons: passed ? [] : [REVIEW_REASON],
  reviewedAt: at(minute), reviewedBy: 'reviewer-1', role: stated,
});

export const reopened = (requestId: string, minute: number, reworkCount = 1) => ({
  workOrderId: `wo-${PRIMARY}`, requestId, unitId: PRIMARY, reasons: [REVIEW_REASON], reworkCount,
  handleDueAt: at(50), reopenedAt: at(minute), reworkDueAt: at(minute + 50),
});

export const revisitRecorded = (requestId: string, minute: number) => ({
  revisitId: `rvs-${minute}`, requestId, method: 'phone', resolved: true, satisfaction: 'satisfied', recordedAt: at(minute),
  unitId: PRIMARY, recordedBy: 'agent-3',
});

export const closed = (requestId: string, minute: number) => ({
  requestId, closedAt: at(minute), resolved: true, satisfaction: 'satisfied', closedBy: 'agent-3', revisitOutcome: 'evaluated',
});

export const archived = (requestId: string, minute: number) => ({
  requestId, archiveId: `a-${minute}`, sequence: String(minute), recordHash: 'h', previousHash: '', archivedAt: at(minute),
});
