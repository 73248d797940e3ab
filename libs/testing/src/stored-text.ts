import { Client } from 'pg';
import { ADMIN_DATABASE_URL, TestDatabase } from './database';

/**
 * Everything a database stores, as one text: every row of every table read as a superuser (past
 * row-level security), and every bytea column (outbox and dead-letter payloads) decoded, so a
 * clear phone in any column or event payload shows.
 */
export async function everythingStored(db: TestDatabase): Promise<string> {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${db.name}`;
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const columns = await admin.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' order by table_name`,
    );
    const tables = [...new Set(columns.rows.map((c) => c.table_name))];
    const texts: string[] = [];
    for (const table of tables) texts.push((await admin.query(`select coalesce(string_agg(t::text, E'\\n'), '') as text from "${table}" t`)).rows[0].text);
    for (const c of columns.rows.filter((c) => c.data_type === 'bytea'))
      texts.push((await admin.query(`select coalesce(string_agg(encode("${c.column_name}", 'escape'), E'\\n'), '') as text from "${c.table_name}"`)).rows[0].text);
    return texts.join('\n');
  } finally {
    await admin.end();
  }
}

// Test values: a mobile, a landline, a resident id with a valid check digit, a Luhn-valid card.
export const CLEAR = { mobile: '13812345678', landline: '025-84561234', id: '110101199003074514', card: '6222021234567890128' };
export const MASKED = { mobile: '138****5678', landline: '025-****1234', id: '110101********4514', card: '6222********0128' };
export const CLEAR_VALUES = /13812345678|84561234|110101199003074514|6222021234567890128/;
