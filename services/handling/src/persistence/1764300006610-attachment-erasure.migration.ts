import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (ADR 0033): the attachments of a request's work orders and 督办 orders are erased
 * with the rest of its personal data. `erased_at` says when; the row keeps its size, digest,
 * types and times for the archive and the audit, its bytes are deleted from the store by the
 * erasure timers (`attachment-erasure`).
 */
export class AttachmentErasure1764300006610 implements MigrationInterface {
  name = 'AttachmentErasure1764300006610';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table attachments add column erased_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Erased bytes stay erased; only the instant goes.
    await q.query(`alter table attachments drop column erased_at`);
  }
}
