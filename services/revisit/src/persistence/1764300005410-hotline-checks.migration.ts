import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

/**
 * The hotline checks anonymous requests itself where the tenant's rule says so (Bengbu): the
 * waiting request is marked as a hotline check, and its revisit is recorded with respondent
 * 'hotline', no satisfaction (未评价: nobody was asked) and the hotline's finding as a note.
 * Every existing revisit had a respondent's satisfaction; the check keeps it so for the others.
 */
export class HotlineChecks1764300005410 implements MigrationInterface {
  name = 'HotlineChecks1764300005410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table request_progress add column hotline_check boolean not null default false`);
    await q.query(`alter table revisits drop constraint revisits_respondent_check`);
    await q.query(`alter table revisits add constraint revisits_respondent_check check (respondent in ('requester', 'other', 'hotline'))`);
    await q.query(`
      alter table revisits
        alter column satisfaction drop not null,
        add column note text,
        add constraint revisits_hotline_satisfaction_check check ((satisfaction is null) = (respondent is not distinct from 'hotline'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A hotline check has no satisfaction the earlier schema could hold: refuse rather than invent one.
    await acrossTenants(q, ['revisits'], async () => {
      const [{ n }] = await q.query(`select count(*)::int as n from revisits where respondent = 'hotline'`);
      if (n > 0) throw new Error(`${n} revisits are hotline checks (no satisfaction): the earlier schema cannot hold them`);
    });
    await q.query(`alter table revisits drop constraint revisits_hotline_satisfaction_check, drop column note, alter column satisfaction set not null`);
    await q.query(`alter table revisits drop constraint revisits_respondent_check`);
    await q.query(`alter table revisits add constraint revisits_respondent_check check (respondent in ('requester', 'other'))`);
    await q.query(`alter table request_progress drop column hotline_check`);
  }
}
