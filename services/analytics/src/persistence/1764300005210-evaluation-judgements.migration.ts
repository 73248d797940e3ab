import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, tenantIsolationSql } from '@hotline/platform';

/**
 * What the rates of issue 13 need of each evaluation: 是否解决 in three levels (部分解决 has a
 * weight of its own), who answered (the hotline's own check of an anonymous request records no
 * satisfaction), whether it is the tenant's default evaluation, and the reviewer's judgement of a
 * dissatisfied or unresolved one (EvaluationJudged): unreasonable (不合理差评) leaves 满意率's
 * denominator, reasonable sent the order back for 重办.
 *
 * Judgements are kept per evaluation (revisit id), apart from revisit_facts: after 重办 the
 * request's next evaluation replaces the judged one there, while 重办率 still counts the rounds.
 * Stored evaluations predate partly-resolved: their boolean `resolved` says resolved or not.
 */
export class EvaluationJudgements1764300005210 implements MigrationInterface {
  name = 'EvaluationJudgements1764300005210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table revisit_facts
        add column resolution text,
        add column respondent text,
        add column defaulted boolean not null default false`);
    await acrossTenants(q, ['revisit_facts'], async () => {
      await q.query(`
        update revisit_facts set resolution = case when resolved then 'resolved' else 'unresolved' end
        where outcome = 'evaluated' and resolved is not null`);
    });
    await q.query(`
      create table evaluation_judgements (
        tenant_id text not null,
        revisit_id text not null,
        request_id text not null,
        unit_id text,
        work_order_id text,
        judgement text not null,
        judged_at timestamptz not null,
        primary key (tenant_id, revisit_id)
      )`);
    await q.query(`create index evaluation_judgements_request on evaluation_judgements (tenant_id, request_id)`);
    for (const sql of tenantIsolationSql('evaluation_judgements')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table evaluation_judgements`);
    await q.query(`alter table revisit_facts drop column defaulted, drop column respondent, drop column resolution`);
  }
}
