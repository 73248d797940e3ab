import { EntityManager } from 'typeorm';
import type { Evaluation, Judgement, Skip } from './lifecycle.mappings';

/**
 * The request's latest evaluation counts: after 重办 the second evaluation replaces the first
 * (domain.md §9.1, Guangzhou 2018 细则), and an evaluation replaces a skip.
 */
export async function recordEvaluation(m: EntityManager, tenantId: string, e: Evaluation): Promise<void> {
  await m.query(
    `insert into revisit_facts
       (tenant_id, request_id, revisit_id, unit_id, outcome, resolved, resolution, satisfaction, respondent, defaulted, recorded_at)
     values ($1, $2, $3, $4, 'evaluated', $5, $6, $7, $8, $9, $10)
     on conflict (tenant_id, request_id) do update set
       revisit_id = excluded.revisit_id, unit_id = excluded.unit_id, outcome = excluded.outcome, skip_reason = null,
       resolved = excluded.resolved, resolution = excluded.resolution, satisfaction = excluded.satisfaction,
       respondent = excluded.respondent, defaulted = excluded.defaulted, recorded_at = excluded.recorded_at
     where revisit_facts.outcome <> 'evaluated' or revisit_facts.recorded_at <= excluded.recorded_at`,
    [tenantId, e.requestId, e.revisitId, e.unitId, e.resolved, e.resolution, e.satisfaction, e.respondent, e.defaulted, e.recordedAt],
  );
}

/**
 * A reviewer's judgement of one evaluation, kept by the evaluation's id: it applies to that
 * evaluation only (a later one after 重办 is unjudged), and 重办率 counts every reasonable one.
 * A judgement arriving late never replaces a newer one of the same evaluation.
 */
export async function recordJudgement(m: EntityManager, tenantId: string, j: Judgement): Promise<void> {
  await m.query(
    `insert into evaluation_judgements (tenant_id, revisit_id, request_id, unit_id, work_order_id, judgement, judged_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (tenant_id, revisit_id) do update set
       request_id = excluded.request_id, unit_id = excluded.unit_id, work_order_id = excluded.work_order_id,
       judgement = excluded.judgement, judged_at = excluded.judged_at
     where evaluation_judgements.judged_at <= excluded.judged_at`,
    [tenantId, j.revisitId, j.requestId, j.unitId, j.workOrderId, j.judgement, j.judgedAt],
  );
}

/** A revisit that could not take place; it never replaces an evaluation. */
export async function recordSkip(m: EntityManager, tenantId: string, s: Skip): Promise<void> {
  await m.query(
    `insert into revisit_facts (tenant_id, request_id, unit_id, outcome, skip_reason, recorded_at)
     values ($1, $2, $3, 'skipped', $4, $5)
     on conflict (tenant_id, request_id) do update set
       unit_id = excluded.unit_id, skip_reason = excluded.skip_reason, recorded_at = excluded.recorded_at
     where revisit_facts.outcome = 'skipped' and revisit_facts.recorded_at <= excluded.recorded_at`,
    [tenantId, s.requestId, s.unitId, s.reason, s.skippedAt],
  );
}
