import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request's number (流水号) from intake's brief, so a rate's drill-down lists each request by
 * the number people read (intake's, no personal data; a public lookup also needs the 提取码,
 * which stays with intake). Stored rows have none until a brief of theirs arrives again: the
 * console then shows the request's id, which still opens it.
 */
export class RequestNumbers1764300006300 implements MigrationInterface {
  name = 'RequestNumbers1764300006300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table request_facts add column request_number text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table request_facts drop column request_number`);
  }
}
