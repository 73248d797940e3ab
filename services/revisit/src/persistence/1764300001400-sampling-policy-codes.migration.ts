import { MigrationInterface, QueryRunner } from 'typeorm';
import { acrossTenants } from '@hotline/platform';

// Frozen here rather than read from the vocabulary: this migration must convert the same keys
// whatever the vocabulary's labels later become.
const LABEL_TO_CODE: ReadonlyArray<[string, string]> = [
  ['咨询', 'consultation'],
  ['求助', 'help'],
  ['投诉', 'complaint'],
  ['举报', 'report'],
  ['建议', 'suggestion'],
  ['表扬', 'praise'],
  ['其他', 'other'],
];

const list = (keys: string[]) => keys.map((k) => `'${k}'`).join(', ');

/**
 * Sampling policies were keyed by the Chinese labels of request types (投诉) while requests carry
 * codes (complaint): the keys become the vocabulary's codes (or '*', the default rule).
 */
export class SamplingPolicyCodes1764300001400 implements MigrationInterface {
  name = 'SamplingPolicyCodes1764300001400';

  async up(q: QueryRunner): Promise<void> {
    await this.rekey(q, LABEL_TO_CODE, LABEL_TO_CODE.map(([, code]) => code));
  }

  async down(q: QueryRunner): Promise<void> {
    await this.rekey(q, LABEL_TO_CODE.map(([label, code]) => [code, label]), LABEL_TO_CODE.map(([label]) => label));
  }

  private async rekey(q: QueryRunner, mapping: ReadonlyArray<readonly [string, string]>, allowed: string[]): Promise<void> {
    await q.query(`alter table sampling_policies drop constraint sampling_policies_request_type_check`);
    // Forced row-level security hides every row from a transaction without a tenant (ADR 0003);
    // lifted for this transaction only, so one statement converts every tenant's rows.
    await acrossTenants(q, ['sampling_policies'], async () => {
      const cases = mapping.map(([from, to]) => `when '${from}' then '${to}'`).join(' ');
      await q.query(`update sampling_policies set request_type = case request_type ${cases} else request_type end`);
    });
    await q.query(
      `alter table sampling_policies add constraint sampling_policies_request_type_check
       check (request_type in ('*', ${list(allowed)}))`,
    );
  }
}
