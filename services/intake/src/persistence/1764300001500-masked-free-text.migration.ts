import { MigrationInterface, QueryRunner } from 'typeorm';
import { commonV1, EventDefinition, Events } from '@hotline/contracts';
import { acrossTenants } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';

const ROWS_PER_BATCH = 1000;

/**
 * Personal data in free text (issue 10). A request's title, content and detail at intake keep
 * their masked text in their plain columns, and the clear text encrypted beside them when it held
 * personal data. The migration cannot encrypt (the PII key stays out of the migration Job,
 * docs/deploy.md): rows stored before it, and rows the previous release writes after it, have
 * `free_text_sealed` false, are masked as they are read, and are sealed by the service
 * (FreeTextSealing). Timeline notes and the events intake keeps in its outbox need no clear
 * text: they are masked here, once.
 */
export class MaskedFreeText1764300001500 implements MigrationInterface {
  name = 'MaskedFreeText1764300001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table requests
        add column title_enc bytea,
        add column content_enc bytea,
        add column outcome_detail_enc bytea,
        add column free_text_sealed boolean not null default false`);
    await q.query(`create index requests_free_text_unsealed on requests (tenant_id) where not free_text_sealed`);
    await acrossTenants(q, ['request_timeline'], () => maskTimelineNotes(q));
    await maskOutboxEvents(q, Events.intake.requestAccepted, (e) => ({ ...e, request: e.request && maskBrief(e.request) }));
    await maskOutboxEvents(q, Events.intake.requestClosedAtIntake, (e) => ({
      ...e,
      request: e.request && maskBrief(e.request),
      detail: maskPersonalData(e.detail),
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    // The previous release shows the plain columns as they are: sealed rows keep their masked text.
    await q.query(`drop index requests_free_text_unsealed`);
    await q.query(`alter table requests drop column free_text_sealed, drop column outcome_detail_enc, drop column content_enc, drop column title_enc`);
  }
}

/** Masks every stored note that has personal data in it, a batch at a time (only notes with a digit or an @ can have any). */
async function maskTimelineNotes(q: QueryRunner): Promise<void> {
  let after = { requestId: '00000000-0000-0000-0000-000000000000', seq: 0 };
  for (;;) {
    const rows: Array<{ request_id: string; seq: number; note: string }> = await q.query(
      `select request_id, seq, note from request_timeline
        where (request_id, seq) > ($1::uuid, $2::int) and note ~ '[0-9@]'
        order by request_id, seq limit $3`,
      [after.requestId, after.seq, ROWS_PER_BATCH],
    );
    for (const row of rows) {
      const masked = maskPersonalData(row.note);
      if (masked !== row.note)
        await q.query(`update request_timeline set note = $3 where request_id = $1 and seq = $2`, [row.request_id, row.seq, masked]);
    }
    const last = rows.at(-1);
    if (!last || rows.length < ROWS_PER_BATCH) return;
    after = { requestId: last.request_id, seq: last.seq };
  }
}

const maskBrief = (brief: commonV1.RequestBrief): commonV1.RequestBrief => ({
  ...brief,
  title: maskPersonalData(brief.title),
  content: maskPersonalData(brief.content),
});

/**
 * The outbox keeps every event it published, for ever (a system table, without row-level
 * security): the free text of intake's own events is masked in place, published or not. The
 * copies JetStream already holds are the stream's, and age out with it (STREAM_MAX_AGE_DAYS).
 */
async function maskOutboxEvents<T>(q: QueryRunner, event: EventDefinition<T>, mask: (payload: T) => T): Promise<void> {
  let after = '0';
  for (;;) {
    const rows: Array<{ seq: string; payload: Buffer }> = await q.query(
      `select seq::text, payload from outbox where event_type = $1 and seq > $2::bigint order by seq limit $3`,
      [event.type, after, ROWS_PER_BATCH],
    );
    for (const row of rows) {
      const payload = event.codec.decode(new Uint8Array(row.payload));
      const masked = Buffer.from(event.codec.encode(mask(payload)).finish());
      // Rows without personal data stay as they are, byte for byte.
      if (!masked.equals(Buffer.from(event.codec.encode(payload).finish())))
        await q.query(`update outbox set payload = $1 where seq = $2::bigint`, [masked, row.seq]);
    }
    const last = rows.at(-1);
    if (!last || rows.length < ROWS_PER_BATCH) return;
    after = last.seq;
  }
}
