import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { reopenForRework } from '../work-orders/reopen-for-rework';
import { findWorkOrder } from '../work-orders/work-orders.repository';
import { redoRefusal } from './redo';

/**
 * handling--hl-revisit-v1--redo: a dissatisfied or unresolved evaluation judged reasonable
 * (合理差评) sends the primary order back for 重办 (Guangzhou 2018 细则, domain.md §9.1). The order,
 * reviewed, goes back in progress for another round with a new limit: a rework due from the
 * judgement under the order's own handling rule (the original due stays, as after a failed
 * review), its overdue timer, and WorkOrderReopened with the judgement's note as the reason.
 * Not reasonable, or an order not reviewed (unknown, cancelled, already reopened by a redelivery):
 * nothing changes.
 */
export const onEvaluationJudged = onEvent(Events.revisit.evaluationJudged, 'redo', async (event, manager, ctx) => {
  const judged = event.payload;
  const order = judged.workOrderId ? await findWorkOrder(manager, judged.workOrderId, true) : null;
  if (!order || redoRefusal(judged.reasonable, order.status)) return;
  await reopenForRework(manager, ctx, order, { status: 'in-progress', at: judged.judgedAt, reasons: [judged.note] });
});
