import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * A request's status now comes from intake's RequestStatusChanged only (ADR 0009): `status`
 * replaces the stage analytics derived from every stream, with intake's sequence of the change
 * applied. A direct answer (直接办理) is `closed`, as in intake; how it closed is kept in
 * intake_outcome. A row may exist before its first status change arrives (its brief came
 * first), so status is nullable. Rows already stored keep their stage as status at sequence 0,
 * so intake's next change of the request replaces it.
 */
export class RequestStatusFromIntake1764300001100 implements MigrationInterface {
  name = 'RequestStatusFromIntake1764300001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table request_facts rename column stage to status`);
    await q.query(`alter table request_facts rename column stage_at to status_at`);
    await q.query(`
      alter table request_facts
        alter column status drop not null,
        alter column status_at drop not null,
        add column status_sequence bigint not null default 0,
        add column anonymous boolean,
        add column intake_outcome text,
        add column revisit_outcome text`);
    // Forced row-level security hides every tenant's rows from a migration (no tenant is set);
    // the owner lifts the force for this one update, inside the migration's transaction.
    await acrossTenants(q, ['request_facts'], async () => {
      await q.query(`update request_facts set status = 'closed', intake_outcome = 'direct-answer' where status = 'closed-at-intake'`);
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await acrossTenants(q, ['request_facts'], async () => {
      await q.query(`delete from request_facts where status is null`);
      await q.query(`update request_facts set status = 'closed-at-intake' where status = 'closed' and intake_outcome = 'direct-answer'`);
    });
    await q.query(`
      alter table request_facts
        drop column revisit_outcome,
        drop column intake_outcome,
        drop column anonymous,
        drop column status_sequence`);
    await q.query(`update request_facts set status_at = coalesce(status_at, received_at, now()) where status_at is null`);
    await q.query(`alter table request_facts alter column status set not null, alter column status_at set not null`);
    await q.query(`alter table request_facts rename column status_at to stage_at`);
    await q.query(`alter table request_facts rename column status to stage`);
  }
}
