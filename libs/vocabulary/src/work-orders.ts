import { Label, oneOf } from './code-list';

/** A unit's share of a request: 主办 leads and gates the request, 协办 assists. */
export const ASSIGNMENT_ROLES = ['primary', 'assisting'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const isAssignmentRole = oneOf(ASSIGNMENT_ROLES);
export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, Label> = {
  primary: { zh: '主办', en: 'Lead unit' },
  assisting: { zh: '协办', en: 'Assisting unit' },
};

/** Unknown roles from upstream count as assisting, so they never gate the request. */
export function toAssignmentRole(code: string | null | undefined): AssignmentRole {
  return code === 'primary' ? 'primary' : 'assisting';
}

/**
 * A work order's status (owned by handling). `reviewed`, `input-given` and `cancelled` are final:
 * a lead (主办) order's answer is reviewed; an assisting (协办) order ends when its unit gives its
 * input (协办意见) to the lead's answer, which is reviewed with it (ADR 0026).
 */
export const WORK_ORDER_STATUSES = ['awaiting-sign', 'in-progress', 'answered', 'reviewed', 'input-given', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const isWorkOrderStatus = oneOf(WORK_ORDER_STATUSES);
export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, Label> = {
  'awaiting-sign': { zh: '待签收', en: 'Awaiting sign-for' },
  'in-progress': { zh: '办理中', en: 'In progress' },
  answered: { zh: '已答复', en: 'Answered' },
  reviewed: { zh: '已复核', en: 'Reviewed' },
  'input-given': { zh: '已提交协办意见', en: 'Input given' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

/**
 * Why a work order was cancelled (WorkOrderCancelled.reason). `return-accepted`: the unit returned
 * the order (退单) and the hotline accepted it; the request goes to another unit (改派). `escalated`:
 * the hotline escalated the request (提级) to a coordinating unit, which takes the primary share.
 * `released`: the hotline released an assisting unit that owed its input, so the lead could answer.
 */
export const WORK_ORDER_CANCEL_REASONS = ['request-closed', 'return-accepted', 'escalated', 'released'] as const;
export type WorkOrderCancelReason = (typeof WORK_ORDER_CANCEL_REASONS)[number];

/** The clocks of a work order: sign-for (签收), handling (办理) and, after a failed review, rework (重办). */
export const CLOCKS = ['sign-for', 'handling', 'rework'] as const;
export type Clock = (typeof CLOCKS)[number];
export const isClock = oneOf(CLOCKS);
export const CLOCK_LABELS: Record<Clock, Label> = {
  'sign-for': { zh: '签收时限', en: 'Sign-for limit' },
  handling: { zh: '办理时限', en: 'Handling limit' },
  rework: { zh: '重办时限', en: 'Rework limit' },
};
