import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * Retention (issue 13): a request whose retention period ended keeps its number, codes, times and
 * statuses, and loses its requester's identity and free text (RequestAnonymised from revisit).
 * `anonymised_at` says when; a named requester's identity may then be gone (the identity check
 * required a name and a phone of every named requester).
 */
export class AnonymisedRequests1764300005340 implements MigrationInterface {
  name = 'AnonymisedRequests1764300005340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table requests add column anonymised_at timestamptz`);
    await q.query(`alter table requests drop constraint requests_requester_identity`);
    await q.query(`
      alter table requests add constraint requests_requester_identity check (
        case when anonymous
          then requester_name_enc is null and requester_phone_enc is null
            and requester_id_number_enc is null and requester_address_enc is null and not confidential
          when anonymised_at is not null then true
          else requester_name_enc is not null and requester_phone_enc is not null
        end)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // An anonymised requester has no identity to keep in the earlier check: refuse rather than invent one.
    await acrossTenants(q, ['requests'], async () => {
      const [{ n }] = await q.query(`select count(*)::int as n from requests where anonymised_at is not null and not anonymous`);
      if (n > 0) throw new Error(`${n} requests were anonymised: the earlier identity check cannot hold them; cannot undo`);
    });
    await q.query(`alter table requests drop constraint requests_requester_identity`);
    await q.query(`
      alter table requests add constraint requests_requester_identity check (
        case when anonymous
          then requester_name_enc is null and requester_phone_enc is null
            and requester_id_number_enc is null and requester_address_enc is null and not confidential
          else requester_name_enc is not null and requester_phone_enc is not null
        end)`);
    await q.query(`alter table requests drop column anonymised_at`);
  }
}
