import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * Work-order facts for the rates that count an order only once it is decided: the rework due
 * and its on-time flag, the rework clock's overdue flag, when review last sent the answer back
 * (an answer sent back no longer stands), provisional dues, and cancellations. handle_due_at is
 * the ORIGINAL handling due from now on (rework no longer moves it).
 *
 * Stored rows: an answer whose latest review failed after it was sent back at that review (the
 * reopening follows the failed review), so reopened_at takes the review's time.
 */
export class WorkOrderWindows1764300001110 implements MigrationInterface {
  name = 'WorkOrderWindows1764300001110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table work_order_facts
        add column due_provisional boolean,
        add column reopened_at timestamptz,
        add column rework_due_at timestamptz,
        add column rework_on_time boolean,
        add column rework_overdue boolean not null default false,
        add column cancelled_at timestamptz,
        add column cancel_reason text`);
    // Forced row-level security hides every tenant's rows from a migration; lifted for this update only.
    await acrossTenants(q, ['work_order_facts'], async () => {
      await q.query(`
        update work_order_facts set reopened_at = reviewed_at
        where review_passed = false and answered_at is not null and reviewed_at >= answered_at`);
    });
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table work_order_facts
        drop column cancel_reason,
        drop column cancelled_at,
        drop column rework_overdue,
        drop column rework_on_time,
        drop column rework_due_at,
        drop column reopened_at,
        drop column due_provisional`);
  }
}
