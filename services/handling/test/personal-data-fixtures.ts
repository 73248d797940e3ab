import { Client } from 'pg';
import { queryAsTenant } from '@hotline/testing';

// Test values: a mobile, a resident id with a valid check digit, a Luhn-valid card, an e-mail.
export const PHONE = '13812345678';
export const ID_NUMBER = '110101199003074514';
export const CARD = '6222021234567890128';
export const EMAIL = 'zhang.san@example.com';
export const CLEAR_VALUES = [PHONE, ID_NUMBER, CARD, EMAIL];

/** An answer whose three texts each hold personal data, and how every view must show it. */
export const ANSWER_WITH_PERSONAL_DATA = {
  answer: `已将补偿款汇至诉求人银行卡${CARD}，并书面告知`,
  basis: `《物业管理条例》第三十五条；已核验诉求人身份证${ID_NUMBER}`,
  contactRecord: `2026-12-01 10:00 电话${PHONE}联系诉求人，结果另发至${EMAIL}`,
};
export const MASKED_ANSWER = {
  answer: '已将补偿款汇至诉求人银行卡6222********0128，并书面告知',
  basis: '《物业管理条例》第三十五条；已核验诉求人身份证110101********4514',
  contactRecord: '2026-12-01 10:00 电话138****5678联系诉求人，结果另发至z***@example.com',
};

/** Whether any clear value appears in `value` (as JSON). */
export function holdsClearValue(value: unknown): boolean {
  const text = JSON.stringify(value);
  return CLEAR_VALUES.some((v) => text.includes(v));
}

/**
 * Every row of every table, as each tenant's transaction sees it (system tables whole), in which
 * a clear value appears as text or as bytes (bytea renders as hex): empty when the database holds
 * it only encrypted.
 */
export async function clearValuesInDatabase(url: string, tenants: readonly string[]): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query(`select tablename from pg_tables where schemaname = current_schema() order by 1`)).rows.map((r) => r.tablename);
    const needles = CLEAR_VALUES.flatMap((v) => [v, Buffer.from(v, 'utf8').toString('hex')]);
    const found: string[] = [];
    for (const tenant of tenants)
      for (const table of tables) {
        const rows = await queryAsTenant<{ row: string }>(client, tenant, `select t::text as row from "${table}" t`);
        for (const { row } of rows) for (const needle of needles) if (row.includes(needle)) found.push(`${tenant} ${table}: ${needle}`);
      }
    return found;
  } finally {
    await client.end();
  }
}
