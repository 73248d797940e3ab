import { EntityManager } from 'typeorm';
import { AttachmentOwner } from '@hotline/attachments';
import { canActFor, type Viewer } from '@hotline/handling-domain';
import { ProblemError } from '@hotline/platform';
import type { WorkOrderStatus } from '@hotline/vocabulary';
import { findVisibleSupervision } from '../supervision/supervision.query';
import { findVisibleWorkOrder } from '../work-orders/work-orders.query';

/**
 * The owners of attachments in handling (ADR 0028) and who reaches them: a work order's (its
 * answer's evidence) and a 督办 order's (its reply's). Both are seen as their orders are — the
 * unit's staff their own, the hotline-wide staff all, any other unit a 404 — and added to only by
 * the staff of the order's unit while its answer or reply is still to come.
 */
export interface HandlingOwner extends AttachmentOwner {
  requestId: string;
  /** The work order a download is audited under (the 督办 order's own, for its reply). */
  workOrderId: string;
}

/**
 * An order takes attachments while its unit works on its answer: awaiting sign-for or in
 * progress (again after a failed review). Answered, it is what the reviewer reads; reviewed,
 * given as input or cancelled, it is final.
 */
export const ATTACHING_STATUSES: readonly WorkOrderStatus[] = ['awaiting-sign', 'in-progress'];

export async function visibleWorkOrderOwner(manager: EntityManager, who: Viewer, id: string): Promise<HandlingOwner> {
  const order = await findVisibleWorkOrder(manager, who, id);
  return { kind: 'work-order', id: order.id, requestId: order.requestId, workOrderId: order.id };
}

export async function workOrderTakingAttachments(manager: EntityManager, who: Viewer, id: string): Promise<HandlingOwner> {
  const order = await findVisibleWorkOrder(manager, who, id);
  if (!canActFor(who, order.unitCode)) throw ProblemError.forbidden("only staff of the order's unit attach files to its answer");
  if (!ATTACHING_STATUSES.includes(order.status)) throw ProblemError.conflict(`work order is ${order.status}; its answer takes no more attachments`);
  return { kind: 'work-order', id: order.id, requestId: order.requestId, workOrderId: order.id };
}

export async function visibleSupervisionOwner(manager: EntityManager, who: Viewer, id: string): Promise<HandlingOwner> {
  const supervision = await findVisibleSupervision(manager, who, id);
  return { kind: 'supervision-order', id: supervision.id, requestId: supervision.requestId, workOrderId: supervision.workOrderId };
}

/** A 督办 order takes attachments to its reply from the supervised unit's staff until they reply. */
export async function supervisionTakingAttachments(manager: EntityManager, who: Viewer, id: string): Promise<HandlingOwner> {
  const supervision = await findVisibleSupervision(manager, who, id);
  if (!canActFor(who, supervision.unitCode)) throw ProblemError.forbidden('only staff of the supervised unit attach files to the reply');
  if (supervision.state !== 'open') throw ProblemError.conflict(`the supervision order is ${supervision.state}; its reply takes no more attachments`);
  return { kind: 'supervision-order', id: supervision.id, requestId: supervision.requestId, workOrderId: supervision.workOrderId };
}
