import { MigrationInterface, QueryRunner } from 'typeorm';
import { Events } from '@hotline/contracts';
import { acrossTenants } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { CaseRequest, maskFreeText } from '@hotline/revisit-domain';

const BATCH = 500;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
// Every phone, id number and bank card has a run of four digits, every e-mail an @: only such
// text is read back into the migration to be masked.
const MAY_HOLD_PERSONAL_DATA = `~ '[0-9]{4}|@'`;

interface ReviewText {
  id: string;
  answer: string;
  basis: string;
  contact_record: string;
  reasons: string[];
}

const maskedReview = (r: ReviewText): ReviewText => ({
  id: r.id,
  answer: maskPersonalData(r.answer),
  basis: maskPersonalData(r.basis),
  contact_record: maskPersonalData(r.contact_record),
  reasons: r.reasons.map(maskPersonalData),
});

/** Rewrites outbox payloads in one statement. */
async function updatePayloads(q: QueryRunner, rows: Array<{ id: string; payload: Buffer }>): Promise<void> {
  await q.query(`update outbox o set payload = v.payload from unnest($1::uuid[], $2::bytea[]) as v(id, payload) where o.id = v.id`, [
    rows.map((r) => r.id),
    rows.map((r) => r.payload),
  ]);
}

/**
 * The case file kept before revisit masked what it copies (issue 10): the briefs' titles and
 * contents, the answers with their basis and contact record, the reviewers' reasons, and the
 * reasons in the AnswerReviewed events of the outbox (published ones stay as a record; one still
 * waiting is published masked). The clear text is intake's and handling's, encrypted there;
 * revisit keeps none of it, its own reasons included (decide-review).
 */
export class MaskedCaseFile1764300003200 implements MigrationInterface {
  name = 'MaskedCaseFile1764300003200';

  async up(q: QueryRunner): Promise<void> {
    await acrossTenants(q, ['case_requests', 'reviews'], async () => {
      await this.maskBriefs(q);
      await this.maskReviews(q);
    });
    await this.maskReviewedReasons(q);
  }

  async down(): Promise<void> {
    // Masking is not undone: the earlier release reads masked text as it reads any other.
  }

  private async maskBriefs(q: QueryRunner): Promise<void> {
    for (let after = ['', '']; ; ) {
      const rows: Array<{ tenant_id: string; request_id: string; brief: CaseRequest }> = await q.query(
        `select tenant_id, request_id, brief from case_requests
         where (tenant_id, request_id) > ($1, $2)
           and (brief->>'title' ${MAY_HOLD_PERSONAL_DATA} or brief->>'content' ${MAY_HOLD_PERSONAL_DATA})
         order by tenant_id, request_id limit $3`,
        [...after, BATCH],
      );
      const changed = rows.map((row) => ({ ...row, masked: maskFreeText(row.brief) })).filter((r) => JSON.stringify(r.masked) !== JSON.stringify(r.brief));
      if (changed.length > 0)
        await q.query(
          `update case_requests c set brief = v.brief from unnest($1::text[], $2::text[], $3::jsonb[]) as v(tenant_id, request_id, brief)
           where c.tenant_id = v.tenant_id and c.request_id = v.request_id`,
          [changed.map((r) => r.tenant_id), changed.map((r) => r.request_id), changed.map((r) => JSON.stringify(r.masked))],
        );
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) return;
      after = [last.tenant_id, last.request_id];
    }
  }

  private async maskReviews(q: QueryRunner): Promise<void> {
    for (let after = NIL_UUID; ; ) {
      const rows: ReviewText[] = await q.query(
        `select id, answer, basis, contact_record, reasons from reviews
         where id > $1
           and (answer ${MAY_HOLD_PERSONAL_DATA} or basis ${MAY_HOLD_PERSONAL_DATA} or contact_record ${MAY_HOLD_PERSONAL_DATA}
                or array_to_string(reasons, ' ') ${MAY_HOLD_PERSONAL_DATA})
         order by id limit $2`,
        [after, BATCH],
      );
      const changed = rows.map(maskedReview).filter((r, i) => JSON.stringify(r) !== JSON.stringify(rows[i]));
      // Reasons go as JSON arrays: unnest cannot take an array of text[] of different lengths.
      if (changed.length > 0)
        await q.query(
          `update reviews r set answer = v.answer, basis = v.basis, contact_record = v.contact_record,
             reasons = array(select jsonb_array_elements_text(v.reasons))
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) as v(id, answer, basis, contact_record, reasons)
           where r.id = v.id`,
          [
            changed.map((r) => r.id),
            changed.map((r) => r.answer),
            changed.map((r) => r.basis),
            changed.map((r) => r.contact_record),
            changed.map((r) => JSON.stringify(r.reasons)),
          ],
        );
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) return;
      after = last.id;
    }
  }

  private async maskReviewedReasons(q: QueryRunner): Promise<void> {
    const { type, codec } = Events.revisit.answerReviewed;
    for (let after = NIL_UUID; ; ) {
      const rows: Array<{ id: string; payload: Buffer }> = await q.query(
        `select id, payload from outbox where event_type = $1 and id > $2 order by id limit $3`,
        [type, after, BATCH],
      );
      const changed = rows.flatMap((row) => {
        const event = codec.decode(row.payload);
        const payload = Buffer.from(codec.encode({ ...event, reasons: event.reasons.map(maskPersonalData) }).finish());
        return payload.equals(row.payload) ? [] : [{ id: row.id, payload }];
      });
      if (changed.length > 0) await updatePayloads(q, changed);
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) return;
      after = last.id;
    }
  }
}
