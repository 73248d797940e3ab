import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants, tenantIsolationSql } from '@hotline/platform';

/**
 * 诉求终结 and 持续跟踪 (issue 13). A closure keeps its basis (the closing rule's answer, ADR 0017),
 * so a terminated request and one closed into a follow-up are told from the others; the closures
 * before it get theirs from what the row already says (a skip's reason, a judgement of the
 * evaluation). A revisit may be skipped into a follow-up, and an evaluation judged `follow-up`.
 * The termination intake approved is kept per request as it arrived (case_terminations). A
 * follow-up is one row per request (rescheduling moves its date and counts a round) with its
 * history of changes beside it. The lists are written out (as the vocabulary has them today):
 * an applied migration never changes.
 */
export class TerminationsAndFollowUps1764300005100 implements MigrationInterface {
  name = 'TerminationsAndFollowUps1764300005100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table request_progress
        add column closing_basis text check (closing_basis in ('no-revisit', 'evaluated', 'judged-unreasonable', 'attempts-exhausted', 'follow-up', 'terminated'))`);
    await q.query(`alter table request_progress drop constraint request_progress_skip_reason_check`);
    await q.query(
      `alter table request_progress add constraint request_progress_skip_reason_check check (skip_reason in ('anonymous-requester', 'not-sampled', 'attempts-exhausted', 'follow-up'))`,
    );
    await acrossTenants(q, ['request_progress', 'revisits'], async () => {
      await q.query(`
        update request_progress p set closing_basis = case
            when p.skip_reason = 'attempts-exhausted' then 'attempts-exhausted'
            when p.revisit_outcome = 'skipped' then 'no-revisit'
            when exists (select 1 from revisits r where r.tenant_id = p.tenant_id and r.request_id = p.request_id and r.judgement = 'unreasonable')
              then 'judged-unreasonable'
            else 'evaluated' end
        where p.status = 'closed'`);
    });
    await q.query(`alter table revisits drop constraint revisits_judgement_check`);
    await q.query(`alter table revisits add constraint revisits_judgement_check check (judgement in ('reasonable', 'unreasonable', 'follow-up'))`);

    await q.query(`
      create table case_terminations (
        tenant_id text not null,
        request_id text not null,
        termination_id text not null,
        reason_code text not null,
        evidence_request_numbers text[] not null default '{}',
        hearing_record text,
        legal_route text not null,
        proposed_by text not null,
        approved_by text not null,
        terminated_at timestamptz not null,
        recorded_at timestamptz not null default now(),
        primary key (tenant_id, request_id)
      )`);

    await q.query(`
      create table follow_ups (
        id uuid primary key,
        tenant_id text not null,
        request_id text not null,
        unit_id text not null,
        work_order_id text not null,
        reason text not null check (reason in ('planning', 'funding', 'policy', 'other-objective')),
        state text not null check (state in ('scheduled', 'due', 'reported', 'ended')),
        due_on date not null,
        round int not null default 1 check (round >= 1),
        note text not null,
        created_at timestamptz not null,
        created_by text not null,
        updated_at timestamptz not null,
        ended_at timestamptz,
        unique (tenant_id, request_id)
      )`);
    await q.query(`create index follow_ups_by_state on follow_ups (tenant_id, state, due_on)`);
    await q.query(`create index follow_ups_by_unit on follow_ups (tenant_id, unit_id, state)`);
    await q.query(`
      create table follow_up_history (
        tenant_id text not null,
        follow_up_id uuid not null references follow_ups (id),
        seq int not null check (seq >= 1),
        state text not null check (state in ('scheduled', 'due', 'reported', 'ended')),
        due_on date not null,
        round int not null,
        note text not null default '',
        resolution text check (resolution in ('resolved', 'partly-resolved', 'unresolved')),
        satisfaction text check (satisfaction in ('satisfied', 'basically-satisfied', 'dissatisfied')),
        changed_at timestamptz not null,
        changed_by text not null,
        primary key (tenant_id, follow_up_id, seq)
      )`);
    for (const table of ['case_terminations', 'follow_ups', 'follow_up_history'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    // A skip into a follow-up or a follow-up judgement has no value the earlier schema could hold: refuse rather than invent one.
    await acrossTenants(q, ['request_progress', 'revisits'], async () => {
      const [{ n }] = await q.query(
        `select (select count(*) from request_progress where skip_reason = 'follow-up') + (select count(*) from revisits where judgement = 'follow-up') as n`,
      );
      if (Number(n) > 0) throw new Error(`${n} closures or judgements are follow-ups: the earlier schema cannot hold them`);
    });
    for (const table of ['follow_up_history', 'follow_ups', 'case_terminations']) await q.query(`drop table ${table}`);
    await q.query(`alter table revisits drop constraint revisits_judgement_check`);
    await q.query(`alter table revisits add constraint revisits_judgement_check check (judgement in ('reasonable', 'unreasonable'))`);
    await q.query(`alter table request_progress drop constraint request_progress_skip_reason_check`);
    await q.query(
      `alter table request_progress add constraint request_progress_skip_reason_check check (skip_reason in ('anonymous-requester', 'not-sampled', 'attempts-exhausted'))`,
    );
    await q.query(`alter table request_progress drop column closing_basis`);
  }
}
