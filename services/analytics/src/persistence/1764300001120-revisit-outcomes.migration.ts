import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * A request's revisit is either evaluated (the latest evaluation counts) or skipped (anonymous
 * requester: nobody to contact), and a skipped one has no answers. Category and receipt day are
 * read from request_facts when the rates are computed instead of being copied onto revisits,
 * so they are always the request's own. Stored rows are evaluations.
 */
export class RevisitOutcomes1764300001120 implements MigrationInterface {
  name = 'RevisitOutcomes1764300001120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table revisit_facts
        add column outcome text not null default 'evaluated',
        add column skip_reason text,
        alter column resolved drop not null,
        alter column satisfaction drop not null,
        alter column revisit_id drop not null`);
    await q.query(`alter table revisit_facts alter column outcome drop default`);
    await q.query(`drop index revisit_facts_day`);
    await q.query(`alter table revisit_facts drop column day, drop column category_code`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table revisit_facts add column category_code text, add column day date`);
    await q.query(`create index revisit_facts_day on revisit_facts (tenant_id, day)`);
    // Every tenant's rows of both tables: forced row-level security is lifted for these statements.
    await acrossTenants(q, ['revisit_facts', 'request_facts'], async () => {
      await q.query(`delete from revisit_facts where outcome <> 'evaluated'`);
      await q.query(`
        update revisit_facts r set category_code = f.category_code, day = f.day
        from request_facts f where f.tenant_id = r.tenant_id and f.request_id = r.request_id`);
    });
    await q.query(`
      alter table revisit_facts
        drop column skip_reason,
        drop column outcome,
        alter column resolved set not null,
        alter column satisfaction set not null,
        alter column revisit_id set not null`);
  }
}
