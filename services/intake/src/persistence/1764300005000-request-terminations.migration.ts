import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@hotline/platform';

/** TERMINATION_REASONS and TERMINATION_STATES when this migration was written; a new code needs a migration of the check. */
export const TERMINATION_REASONS_1764300005000 = [
  'outside-jurisdiction',
  'statutory-route',
  'contrary-to-law',
  'secret-or-privacy',
  'found-untrue',
  'unreasonable-demand',
  'hearing-found-unreasonable',
  'no-factual-basis',
  'repeated-no-new-facts',
  'malicious-use',
] as const;
export const TERMINATION_STATES_1764300005000 = ['proposed', 'approved', 'refused', 'withdrawn'] as const;

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

const STATUSES = `'registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited',
  'closed', 'not-accepted', 'merged', 'transferred', 'terminated', 'archived'`;
const PREVIOUS_STATUSES = `'registered', 'awaiting-dispatch', 'dispatched', 'in-progress', 'answered', 'reviewed', 'revisited',
  'closed', 'not-accepted', 'merged', 'transferred', 'archived'`;

/**
 * 诉求终结 (domain.md §11.3): each proposal to terminate a request, with its reason, evidence and
 * the legal route the requester is told, and its decision by a second person. One open proposal
 * per request and at most one approved (unique partial indexes, so two concurrent proposals or
 * approvals cannot both pass); the two-person rule is also a check, so no code path can record an
 * approval or refusal by the proposer. `terminated` becomes a status; a contact answered as a
 * repeat of a terminated matter points to the terminated request (terminated_matter_of), as a
 * merged repeat points to its master.
 */
export class RequestTerminations1764300005000 implements MigrationInterface {
  name = 'RequestTerminations1764300005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table request_terminations (
        id uuid not null,
        tenant_id text not null,
        request_id uuid not null references requests (id),
        state text not null check (state in (${list(TERMINATION_STATES_1764300005000)})),
        reason_code text not null check (reason_code in (${list(TERMINATION_REASONS_1764300005000)})),
        -- Numbers of earlier requests of the tenant on the same matter, checked to exist when proposed.
        evidence_request_numbers text[] not null default '{}',
        -- Staff text, masked as it is written (it reaches events and, for the legal route, the public lookup).
        hearing_record text,
        legal_route text not null,
        note text,
        proposed_by text not null,
        proposed_at timestamptz not null,
        decided_by text,
        decided_at timestamptz,
        decision_note text,
        primary key (tenant_id, id),
        check ((state = 'proposed') = (decided_at is null) and (decided_at is null) = (decided_by is null)),
        check (state not in ('approved', 'refused') or decided_by <> proposed_by),
        check (state <> 'withdrawn' or decided_by = proposed_by)
      )`);
    await q.query(`create unique index request_terminations_one_open on request_terminations (tenant_id, request_id) where state = 'proposed'`);
    await q.query(`create unique index request_terminations_one_approved on request_terminations (tenant_id, request_id) where state = 'approved'`);
    await q.query(`create index request_terminations_by_request on request_terminations (tenant_id, request_id, proposed_at)`);
    await q.query(`create index request_terminations_by_state on request_terminations (tenant_id, state, proposed_at)`);
    for (const sql of tenantIsolationSql('request_terminations')) await q.query(sql);
    await q.query(`alter table requests add column terminated_matter_of uuid references requests (id)`);
    await q.query(`create index requests_by_terminated_matter on requests (terminated_matter_of) where terminated_matter_of is not null`);
    await q.query(`alter table requests drop constraint requests_status_check, add constraint requests_status_check check (status in (${STATUSES}))`);
    await q.query(
      `alter table request_timeline drop constraint request_timeline_status_check, add constraint request_timeline_status_check check (status in (${STATUSES}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `alter table request_timeline drop constraint request_timeline_status_check, add constraint request_timeline_status_check check (status in (${PREVIOUS_STATUSES}))`,
    );
    await q.query(`alter table requests drop constraint requests_status_check, add constraint requests_status_check check (status in (${PREVIOUS_STATUSES}))`);
    await q.query(`alter table requests drop column terminated_matter_of`);
    await q.query(`drop table request_terminations`);
  }
}
