import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * Anonymous requesters (匿名): no identity columns at all (and nothing to keep confidential). A
 * named requester keeps at least a name and a phone. Every earlier row is named, so the check holds for them as they are.
 */
export class AnonymousRequesters1764300001200 implements MigrationInterface {
  name = 'AnonymousRequesters1764300001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table requests add column anonymous boolean not null default false`);
    await q.query(`alter table requests alter column requester_name_enc drop not null`);
    await q.query(`alter table requests alter column requester_phone_enc drop not null`);
    await q.query(`
      alter table requests add constraint requests_requester_identity check (
        case when anonymous
          then requester_name_enc is null and requester_phone_enc is null
            and requester_id_number_enc is null and requester_address_enc is null and not confidential
          else requester_name_enc is not null and requester_phone_enc is not null
        end)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await acrossTenants(q, ['requests'], async () => {
      const [{ n }] = await q.query(`select count(*)::int as n from requests where anonymous`);
      if (n > 0) throw new Error(`${n} anonymous requests have no identity to keep in NOT NULL columns; cannot undo`);
    });
    await q.query(`alter table requests drop constraint requests_requester_identity`);
    await q.query(`alter table requests alter column requester_phone_enc set not null`);
    await q.query(`alter table requests alter column requester_name_enc set not null`);
    await q.query(`alter table requests drop column anonymous`);
  }
}
