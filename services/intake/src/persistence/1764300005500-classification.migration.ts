import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/**
 * Classification suggestions (issue 14): each tenant's models (one active; the ones it replaced
 * and the ones that lost to it stay, with the held-back figures of both), the training runs
 * (one running per tenant), and every suggestion shown with the agent's later choice, to
 * measure how often agents take it. No request text is stored here: a suggestion keeps codes
 * and probabilities only.
 */
export class Classification1764300005500 implements MigrationInterface {
  name = 'Classification1764300005500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table classification_training_runs (
        id uuid primary key,
        tenant_id text not null,
        trigger text not null check (trigger in ('schedule', 'admin', 'import')),
        requested_by text not null,
        started_at timestamptz not null,
        finished_at timestamptz,
        outcome text check (outcome in ('activated', 'rejected', 'skipped', 'failed')),
        model_version int,
        detail text,
        check ((finished_at is null) = (outcome is null))
      )`);
    // One run at a time per tenant, whichever replica runs it.
    await q.query(`create unique index classification_one_running_run on classification_training_runs (tenant_id) where finished_at is null`);
    await q.query(`create index classification_runs_by_start on classification_training_runs (tenant_id, started_at desc)`);
    await q.query(`
      create table classification_models (
        tenant_id text not null,
        version int not null check (version >= 1),
        state text not null check (state in ('active', 'retired', 'rejected')),
        source text not null check (source in ('requests', 'import')),
        training_run_id uuid references classification_training_runs (id),
        trained_at timestamptz not null,
        example_count int not null,
        holdout_count int not null,
        holdout_accuracy double precision not null,
        holdout_top3 double precision not null,
        previous_version int,
        previous_accuracy double precision,
        previous_top3 double precision,
        category_codes text[] not null,
        -- libs/classify's model file (HLCLSMDL); null for a rejected model and for retired ones past the kept few.
        body bytea,
        body_bytes int not null,
        primary key (tenant_id, version),
        check (state <> 'active' or body is not null)
      )`);
    await q.query(`create unique index classification_one_active_model on classification_models (tenant_id) where state = 'active'`);
    await q.query(`
      create table classification_suggestions (
        id uuid primary key,
        tenant_id text not null,
        model_version int,
        created_at timestamptz not null,
        created_by text not null,
        category_codes text[] not null,
        category_probabilities double precision[] not null,
        request_type text not null,
        request_type_probability double precision not null,
        urgency text not null,
        urgency_probability double precision not null,
        confirmed_category_code text,
        confirmed_request_type text,
        confirmed_urgency text,
        -- Rank (1-3) of the first suggested category that is the confirmed one or above it; null when none was.
        matched_rank smallint check (matched_rank between 1 and 3),
        request_id uuid references requests (id),
        outcome_at timestamptz,
        outcome_by text,
        check ((outcome_at is null) = (confirmed_category_code is null))
      )`);
    await q.query(`create index classification_suggestions_by_time on classification_suggestions (tenant_id, created_at)`);
    for (const table of ['classification_training_runs', 'classification_models', 'classification_suggestions'])
      for (const sql of tenantIsolationSql(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['classification_suggestions', 'classification_models', 'classification_training_runs']) await q.query(`drop table ${table}`);
  }
}
