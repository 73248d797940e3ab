import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Revisit by the rules (issue 13): a policy's attempts and default evaluation; a revisit's
 * 是否解决, respondent and whether it was the default; the judgement of a dissatisfied or
 * unresolved evaluation; unanswered attempts; the progress statuses of judgement and 重办 and the
 * skip reasons of sampling and exhausted attempts. Existing revisits keep their boolean as the
 * resolution (true → resolved, false → unresolved: the only two answers they could give).
 * The lists are written out (as the vocabulary has them today): an applied migration never changes.
 */
export class RevisitRules1764300004300 implements MigrationInterface {
  name = 'RevisitRules1764300004300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table sampling_policies
        add column max_attempts int not null default 3 check (max_attempts between 1 and 10),
        add column default_satisfaction text check (default_satisfaction in ('satisfied', 'basically-satisfied', 'dissatisfied')),
        add column default_resolution text check (default_resolution in ('resolved', 'partly-resolved', 'unresolved')),
        add constraint sampling_policies_default_check check ((default_satisfaction is null) = (default_resolution is null))`);
    await q.query(`
      alter table revisits
        add column resolution text check (resolution in ('resolved', 'partly-resolved', 'unresolved')),
        add column respondent text check (respondent in ('requester', 'other')),
        add column defaulted boolean not null default false,
        add column judgement text check (judgement in ('reasonable', 'unreasonable')),
        add column judgement_note text,
        add column judged_at timestamptz,
        add column judged_by text`);
    await q.query(`update revisits set resolution = case when resolved then 'resolved' else 'unresolved' end`);
    await q.query(`alter table revisits alter column resolution set not null`);
    await q.query(`alter table request_progress drop constraint request_progress_status_check`);
    await q.query(`alter table request_progress add constraint request_progress_status_check check (status in ('awaiting-review', 'awaiting-revisit', 'awaiting-judgement', 'redo', 'closed'))`);
    await q.query(`alter table request_progress drop constraint request_progress_skip_reason_check`);
    await q.query(`alter table request_progress add constraint request_progress_skip_reason_check check (skip_reason in ('anonymous-requester', 'not-sampled', 'attempts-exhausted'))`);
    await q.query(`alter table request_progress add column attempts int not null default 0`);
    await q.query(`
      create table revisit_attempts (
        tenant_id text not null,
        request_id text not null,
        attempt int not null check (attempt >= 1),
        method text not null check (method in ('phone', 'sms', 'online')),
        attempted_at timestamptz not null,
        attempted_by text not null,
        primary key (tenant_id, request_id, attempt)
      )`);
    for (const sql of tenantIsolationSql('revisit_attempts')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table revisit_attempts`);
    await q.query(`alter table request_progress drop column attempts`);
    await q.query(`alter table request_progress drop constraint request_progress_skip_reason_check`);
    await q.query(`alter table request_progress add constraint request_progress_skip_reason_check check (skip_reason in ('anonymous-requester'))`);
    await q.query(`alter table request_progress drop constraint request_progress_status_check`);
    await q.query(`alter table request_progress add constraint request_progress_status_check check (status in ('awaiting-review', 'awaiting-revisit', 'closed'))`);
    await q.query(`
      alter table revisits drop column judged_by, drop column judged_at, drop column judgement_note, drop column judgement,
        drop column defaulted, drop column respondent, drop column resolution`);
    await q.query(`
      alter table sampling_policies drop constraint sampling_policies_default_check,
        drop column default_resolution, drop column default_satisfaction, drop column max_attempts`);
  }
}
