/** Work-order states, the transitions units and review may make, and who may see an order. */

export const WORK_ORDER_STATUSES = ['awaiting-sign', 'in-progress', 'answered', 'reviewed'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const ASSIGNMENT_ROLES = ['primary', 'assisting'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** Unknown roles from upstream are treated as assisting, so they never gate the request. */
export function toAssignmentRole(code: string | undefined): AssignmentRole {
  return code === 'primary' ? 'primary' : 'assisting';
}

export type Transition = 'sign' | 'answer' | 'review-passed' | 'review-failed';

const FROM: Record<Transition, WorkOrderStatus> = {
  sign: 'awaiting-sign',
  answer: 'in-progress',
  'review-passed': 'answered',
  'review-failed': 'answered',
};
const TO: Record<Transition, WorkOrderStatus> = {
  sign: 'in-progress',
  answer: 'answered',
  'review-passed': 'reviewed',
  'review-failed': 'in-progress',
};

/** The status after `transition`, or undefined when it is not allowed from `status`. */
export function nextStatus(status: WorkOrderStatus, transition: Transition): WorkOrderStatus | undefined {
  return FROM[transition] === status ? TO[transition] : undefined;
}

export type OverdueClock = 'sign-for' | 'handling';

/** Whether a clock that just ran out still matters: sign-for until signed, handling until answered. */
export function isClockRunning(status: WorkOrderStatus, clock: OverdueClock): boolean {
  return clock === 'sign-for' ? status === 'awaiting-sign' : status === 'awaiting-sign' || status === 'in-progress';
}

/** On time when it happened strictly before the due instant (the due is an exclusive bound). */
export function isOnTime(at: Date, dueAt: Date): boolean {
  return at.getTime() < dueAt.getTime();
}

const HOTLINE_WIDE_ROLES = ['dispatcher', 'supervisor', 'tenant-admin'];

export interface Viewer {
  roles: readonly string[];
  unit?: string;
}

/**
 * Which unit's orders a caller may see: undefined = every unit (hotline staff); otherwise the
 * unit code from the token. Unit staff without a unit claim see nothing ('' matches no order).
 */
export function visibleUnitCode(viewer: Viewer): string | undefined {
  if (viewer.roles.some((r) => HOTLINE_WIDE_ROLES.includes(r))) return undefined;
  return viewer.unit ?? '';
}

export function canSee(viewer: Viewer, orderUnitCode: string): boolean {
  const unit = visibleUnitCode(viewer);
  return unit === undefined || (unit !== '' && unit === orderUnitCode);
}
