import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * intake announces every status change (RequestStatusChanged): a per-request counter for its
 * `sequence`, the instant the current status was set (the rework rule compares with it), and
 * why and by whom on each timeline step.
 */
export class RequestStatusOwnership1764300001100 implements MigrationInterface {
  name = 'RequestStatusOwnership1764300001100';

  async up(q: QueryRunner): Promise<void> {
    // Requests registered before this release announced no change yet: their first one is 1.
    await q.query(`alter table requests add column status_version int not null default 0`);
    await q.query(`alter table requests add column status_changed_at timestamptz`);
    await acrossTenants(q, ['requests', 'request_timeline'], () =>
      q.query(`
        update requests r set status_changed_at = coalesce(
          (select max(t.at) from request_timeline t where t.request_id = r.id and t.status = r.status), r.received_at)`),
    );
    await q.query(`alter table requests alter column status_changed_at set not null`);
    await q.query(`alter table request_timeline add column reason text, add column actor text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table request_timeline drop column reason, drop column actor`);
    await q.query(`alter table requests drop column status_changed_at, drop column status_version`);
  }
}
