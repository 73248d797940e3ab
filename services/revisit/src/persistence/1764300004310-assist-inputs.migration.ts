import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * Co-handling (ADR 0026): an assisting unit's answer is its input to the lead's answer, kept as
 * `assist-input` and never decided on its own. Assisting answers still pending become inputs; the
 * ones already decided or withdrawn keep what happened to them.
 */
export class AssistInputs1764300004310 implements MigrationInterface {
  name = 'AssistInputs1764300004310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table reviews drop constraint reviews_status_check`);
    await q.query(`alter table reviews add constraint reviews_status_check check (status in ('pending', 'passed', 'failed', 'withdrawn', 'assist-input'))`);
    await acrossTenants(q, ['reviews'], () => q.query(`update reviews set status = 'assist-input' where role = 'assisting' and status = 'pending'`));
  }

  async down(q: QueryRunner): Promise<void> {
    await acrossTenants(q, ['reviews'], () => q.query(`update reviews set status = 'pending' where status = 'assist-input'`));
    await q.query(`alter table reviews drop constraint reviews_status_check`);
    await q.query(`alter table reviews add constraint reviews_status_check check (status in ('pending', 'passed', 'failed', 'withdrawn'))`);
  }
}
