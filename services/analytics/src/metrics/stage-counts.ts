import { EntityManager } from 'typeorm';
import { REQUEST_STAGES, RequestStage } from '@hotline/analytics-domain';

export interface StageCount {
  stage: RequestStage;
  count: number;
}

/** Requests by current stage, received within the inclusive local days (every stage listed, zeros included). */
export async function countStages(m: EntityManager, from?: string, to?: string): Promise<StageCount[]> {
  const rows: Array<{ stage: string; n: number }> = await m.query(
    `select stage, count(*)::int as n from request_facts
     where ($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)
     group by stage`,
    [from ?? null, to ?? null],
  );
  const byStage = new Map(rows.map((r) => [r.stage, r.n]));
  return REQUEST_STAGES.map((stage) => ({ stage, count: byStage.get(stage) ?? 0 }));
}
