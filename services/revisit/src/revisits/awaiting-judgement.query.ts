import { EntityManager } from 'typeorm';
import { Page } from '@hotline/platform';
import type { Resolution, RevisitMethod, RevisitRespondent, Satisfaction } from '@hotline/vocabulary';

interface AwaitingJudgementRow {
  request_id: string;
  request_number: string | null;
  work_order_id: string;
  unit_id: string;
  unit_code: string | null;
  unit_name: string | null;
  waiting_since: Date;
  revisit_id: string;
  method: RevisitMethod;
  resolved: boolean;
  resolution: Resolution;
  satisfaction: Satisfaction | null;
  respondent: RevisitRespondent | null;
  note: string | null;
  defaulted: boolean;
  recorded_at: Date;
  recorded_by: string;
  redo_rounds: number;
}

/**
 * `GET /v1/revisits/awaiting-judgement`: requests whose evaluation did not close them (不满意 or
 * 未解决, the closing rule) and wait for a reviewer's 重办 judgement, longest waiting first; each
 * with its latest evaluation (the one to judge), its primary work order and unit as the case file
 * knows them (code and name null until WorkOrderCreated reached revisit), and how many earlier
 * evaluations were sent back for 重办. RLS scopes every table to the transaction's tenant.
 */
export async function listAwaitingJudgement(manager: EntityManager, page: Page) {
  const rows: AwaitingJudgementRow[] = await manager.query(
    `select p.request_id, p.primary_work_order_id as work_order_id, p.primary_unit_id as unit_id, p.updated_at as waiting_since,
            (select c.brief->>'number' from case_requests c where c.request_id = p.request_id) as request_number,
            w.unit_code, w.unit_name,
            r.id as revisit_id, r.method, r.resolved, r.resolution, r.satisfaction, r.respondent, r.note, r.defaulted, r.recorded_at, r.recorded_by,
            (select count(*)::int from revisits s where s.request_id = p.request_id and s.judgement = 'reasonable') as redo_rounds
       from request_progress p
       join lateral (select * from revisits r where r.request_id = p.request_id order by r.recorded_at desc, r.id desc limit 1) r on true
       left join case_work_orders w on w.work_order_id = p.primary_work_order_id
      where p.status = 'awaiting-judgement'
      order by p.updated_at, p.request_id
      limit $1 offset $2`,
    [page.limit, page.offset],
  );
  const [{ total }]: Array<{ total: number }> = await manager.query(
    `select count(*)::int as total from request_progress p
      where p.status = 'awaiting-judgement' and exists (select 1 from revisits r where r.request_id = p.request_id)`,
  );
  return { items: rows.map(toAwaitingJudgementView), total, limit: page.limit, offset: page.offset };
}

function toAwaitingJudgementView(r: AwaitingJudgementRow) {
  return {
    requestId: r.request_id,
    requestNumber: r.request_number,
    workOrderId: r.work_order_id,
    unit: { unitId: r.unit_id, unitCode: r.unit_code, unitName: r.unit_name },
    waitingSince: r.waiting_since.toISOString(),
    evaluation: {
      revisitId: r.revisit_id,
      resolution: r.resolution,
      resolved: r.resolved,
      satisfaction: r.satisfaction,
      respondent: r.respondent,
      method: r.method,
      note: r.note,
      defaulted: r.defaulted,
      recordedAt: r.recorded_at.toISOString(),
      recordedBy: r.recorded_by,
    },
    /** Earlier evaluations of the request sent back for 重办 (合理差评): 1 or more means this is a re-handled answer's. */
    redoRounds: r.redo_rounds,
  };
}
