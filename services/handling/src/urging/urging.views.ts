import type { WorkOrderUrge } from './urging.repository';

export function toUrgeView(u: WorkOrderUrge) {
  return {
    id: u.id,
    workOrderId: u.workOrderId,
    level: u.level,
    method: u.method,
    note: u.note,
    urgedAt: u.urgedAt.toISOString(),
    urgedBy: u.urgedBy,
    dueAt: u.dueAt.toISOString(),
    overdue: u.overdue,
    copiedToLeader: u.copiedToLeader,
  };
}
