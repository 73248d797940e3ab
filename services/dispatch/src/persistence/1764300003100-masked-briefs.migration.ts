import { MigrationInterface, QueryRunner } from 'typeorm';
import { commonV1, EventDefinition, Events } from '@hotline/contracts';
import { withMaskedText } from '@hotline/dispatch-domain';
import { acrossTenants } from '@hotline/platform';

const BATCH = 500;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
// Every phone, id number and bank card has a run of four digits, every e-mail an @: only such
// text is read back into the migration to be masked.
const MAY_HOLD_PERSONAL_DATA = `~ '[0-9]{4}|@'`;

/**
 * Briefs dispatch kept before it masked what it copies (issue 10): the waiting requests' briefs
 * and the RequestDispatched and RequestQueuedForManualDispatch it wrote to its outbox (published
 * ones stay as a record; one still waiting is published masked) get their title and content
 * masked. The clear text is intake's, encrypted there; nothing here can or need restore it.
 */
export class MaskedBriefs1764300003100 implements MigrationInterface {
  name = 'MaskedBriefs1764300003100';

  async up(q: QueryRunner): Promise<void> {
    await acrossTenants(q, ['dispatch_queue'], () => this.maskQueuedBriefs(q));
    await this.maskOutboxBriefs(q, Events.dispatch.requestDispatched);
    await this.maskOutboxBriefs(q, Events.dispatch.requestQueued);
  }

  async down(): Promise<void> {
    // Masking is not undone: the earlier release reads masked briefs as it reads any other.
  }

  private async maskQueuedBriefs(q: QueryRunner): Promise<void> {
    for (let after = ['', NIL_UUID]; ; ) {
      const rows: Array<{ tenant_id: string; request_id: string; brief: commonV1.RequestBrief }> = await q.query(
        `select tenant_id, request_id, brief from dispatch_queue
         where (tenant_id, request_id) > ($1, $2::uuid)
           and (brief->>'title' ${MAY_HOLD_PERSONAL_DATA} or brief->>'content' ${MAY_HOLD_PERSONAL_DATA})
         order by tenant_id, request_id limit $3`,
        [...after, BATCH],
      );
      const changed = rows.map((row) => ({ ...row, masked: withMaskedText(row.brief) })).filter((r) => JSON.stringify(r.masked) !== JSON.stringify(r.brief));
      if (changed.length > 0)
        await q.query(
          `update dispatch_queue d set brief = v.brief from unnest($1::text[], $2::uuid[], $3::jsonb[]) as v(tenant_id, request_id, brief)
           where d.tenant_id = v.tenant_id and d.request_id = v.request_id`,
          [changed.map((r) => r.tenant_id), changed.map((r) => r.request_id), changed.map((r) => JSON.stringify(r.masked))],
        );
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) return;
      after = [last.tenant_id, last.request_id];
    }
  }

  private async maskOutboxBriefs<T extends { request?: commonV1.RequestBrief }>(q: QueryRunner, event: EventDefinition<T>): Promise<void> {
    for (let after = NIL_UUID; ; ) {
      const rows: Array<{ id: string; payload: Buffer }> = await q.query(
        `select id, payload from outbox where event_type = $1 and id > $2 order by id limit $3`,
        [event.type, after, BATCH],
      );
      const changed = rows.flatMap((row) => {
        const payload = event.codec.decode(row.payload);
        const masked = payload.request && Buffer.from(event.codec.encode({ ...payload, request: withMaskedText(payload.request) }).finish());
        return masked && !masked.equals(row.payload) ? [{ id: row.id, payload: masked }] : [];
      });
      if (changed.length > 0)
        await q.query(`update outbox o set payload = v.payload from unnest($1::uuid[], $2::bytea[]) as v(id, payload) where o.id = v.id`, [
          changed.map((r) => r.id),
          changed.map((r) => r.payload),
        ]);
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) return;
      after = last.id;
    }
  }
}
