import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A supervisor acknowledges an alert (takes it on): its state, and who acknowledged it, when, at
 * which severity, with a note (personal data masked before it is stored). The latest
 * acknowledgement is kept on the alert; a surge that rises in severity after it reopens the
 * alert (state open, reopened_at) and keeps the acknowledgement it outgrew for the record.
 * Stored alerts are open.
 */
export class AlertAcknowledgements1764300006310 implements MigrationInterface {
  name = 'AlertAcknowledgements1764300006310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table alerts
        add column state text not null default 'open',
        add column acknowledged_at timestamptz,
        add column acknowledged_by text,
        add column acknowledged_severity text,
        add column acknowledgement_note text,
        add column reopened_at timestamptz`);
    // The list filtered by state, newest first, as the unfiltered list reads alerts_raised.
    await q.query(`create index alerts_state_raised on alerts (tenant_id, state, raised_at desc)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index alerts_state_raised`);
    await q.query(`
      alter table alerts
        drop column reopened_at,
        drop column acknowledgement_note,
        drop column acknowledged_severity,
        drop column acknowledged_by,
        drop column acknowledged_at,
        drop column state`);
  }
}
