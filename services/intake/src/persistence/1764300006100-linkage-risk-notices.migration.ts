import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** The vocabulary's lists when this migration was written; a new code needs a migration of its check. */
export const RISK_NOTICE_STATES_1764300006100 = ['pending', 'sent', 'acknowledged', 'failed'] as const;
export const ALERT_KINDS_1764300006100 = ['surge', 'risk'] as const;
export const ALERT_SEVERITIES_1764300006100 = ['low', 'medium', 'high', 'critical'] as const;

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * Stability-risk notices to 110 (issue 17, ADR 0036): one per analytics alert the tenant's
 * patterns mark as a stability risk, unique by (tenant, alert) so a redelivered or repeated
 * AlertRaised finds the notice it made. It keeps codes, counts and the requests' ids and
 * numbers only: the masked text and identity sent to 110 are read from the requests at each
 * attempt, so retention's anonymisation (ADR 0033) leaves no copy here. Its delivery runs on the
 * durable timers; `attempts` and `last_error` are those of the current revision.
 */
export class LinkageRiskNotices1764300006100 implements MigrationInterface {
  name = 'LinkageRiskNotices1764300006100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table linkage_risk_notices (
        id uuid primary key,
        tenant_id text not null,
        alert_id text not null,
        alert_kind text not null check (alert_kind in (${list(ALERT_KINDS_1764300006100)})),
        severity text not null check (severity in (${list(ALERT_SEVERITIES_1764300006100)})),
        risk_categories text[] not null,
        category_code text,
        area_code text,
        summary text not null,
        request_count int not null check (request_count >= 0),
        request_ids text[] not null,
        request_numbers text[] not null,
        revision int not null default 1 check (revision >= 1),
        state text not null check (state in (${list(RISK_NOTICE_STATES_1764300006100)})),
        attempts int not null default 0,
        last_error text,
        next_attempt_at timestamptz,
        peer text,
        counterpart_ref text,
        sent_revision int,
        sent_at timestamptz,
        acknowledged_revision int,
        acknowledged_at timestamptz,
        acknowledged_by text,
        acknowledgement_note text,
        raised_at timestamptz not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, alert_id),
        check (cardinality(request_ids) = cardinality(request_numbers))
      )`);
    // The supervisors' list, newest first, whole or by state.
    await q.query(`create index linkage_risk_notices_by_time on linkage_risk_notices (tenant_id, created_at desc, id desc)`);
    await q.query(`create index linkage_risk_notices_by_state on linkage_risk_notices (tenant_id, state, created_at desc, id desc)`);
    for (const sql of tenantIsolationSql('linkage_risk_notices')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table linkage_risk_notices`);
  }
}
