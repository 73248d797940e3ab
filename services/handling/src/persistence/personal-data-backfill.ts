import { QueryRunner } from 'typeorm';
import { z } from 'zod';
import { EventDefinition, Events, handlingEventsV1 } from '@hotline/contracts';
import { FREE_TEXT_FIELDS, maskBriefText, maskReasons, protectText } from '@hotline/handling-domain';
import { PiiCipher, piiConfigShape } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';

const BATCH = 500;
const COLUMN = { answer: 'answer', basis: 'basis', contactRecord: 'contact_record' } as const;

/**
 * The key for the free text stored in clear before: the service's own PII_* variables, read
 * when the first row that holds personal data needs them, so a database without any (a new
 * one, or one whose answers hold none) migrates without them.
 */
function cipherFromEnvironment(): PiiCipher {
  const config = z.object(piiConfigShape).safeParse(process.env);
  if (!config.success)
    throw new Error(
      "stored answers hold personal data to encrypt: run this migration with handling's PII_MASTER_KEY (and PII_KEY_VERSION, " +
        `PII_RETIRED_KEYS) as the service has them; ${config.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return PiiCipher.fromConfig(config.data);
}

interface StoredOrder {
  id: string;
  tenant_id: string;
  brief: { title?: string; content?: string };
  answer: string | null;
  basis: string | null;
  contact_record: string | null;
}

/**
 * Every work order of every tenant (the caller lifts row-level security): the brief's title and
 * content masked; each answer text masked, with its clear text encrypted beside it when it held
 * personal data. Rows without any are left as they are.
 */
export async function protectStoredWorkOrders(q: QueryRunner): Promise<void> {
  let cipher: PiiCipher | undefined;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: StoredOrder[] = await q.query(
      `select id::text, tenant_id, brief, answer, basis, contact_record from work_orders where id > $1 order by id limit $2`,
      [after, BATCH],
    );
    for (const row of rows) {
      after = row.id;
      const sets: string[] = [];
      const params: unknown[] = [row.id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      const brief = maskBriefText(row.brief);
      if (brief.title !== row.brief.title || brief.content !== row.brief.content) set('brief', JSON.stringify(brief));
      for (const field of FREE_TEXT_FIELDS) {
        const stored = row[COLUMN[field]];
        const text = stored === null ? undefined : protectText(stored);
        if (!text?.clear) continue;
        cipher ??= cipherFromEnvironment();
        set(COLUMN[field], text.masked);
        set(`${COLUMN[field]}_enc`, cipher.encrypt(row.tenant_id, text.clear));
      }
      if (sets.length === 0) continue;
      await q.query(`update work_orders set ${sets.join(', ')} where id = $1::uuid`, params);
    }
    if (rows.length < BATCH) return;
  }
}

interface Rewrite<T> {
  event: EventDefinition<T>;
  mask(payload: T): T;
}

const rewrite = <T>(event: EventDefinition<T>, mask: (payload: T) => T): Rewrite<T> => ({ event, mask });

/** handling's own events that carry free text, and how each is masked. */
const FREE_TEXT_EVENTS = [
  rewrite(Events.handling.workOrderCreated, (p: handlingEventsV1.WorkOrderCreated) => ({ ...p, request: p.request && maskBriefText(p.request) })),
  rewrite(Events.handling.workOrderAnswered, (p: handlingEventsV1.WorkOrderAnswered) => ({
    ...p,
    answer: maskPersonalData(p.answer),
    basis: maskPersonalData(p.basis),
    contactRecord: maskPersonalData(p.contactRecord),
  })),
  rewrite(Events.handling.workOrderReopened, (p: handlingEventsV1.WorkOrderReopened) => ({ ...p, reasons: maskReasons(p.reasons) })),
];

async function maskOutboxRows<T>(q: QueryRunner, { event, mask }: Rewrite<T>): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: Array<{ seq: string; payload: Buffer }> = await q.query(
      `select seq::text, payload from outbox where event_type = $1 and seq > $2 order by seq limit $3`,
      [event.type, after, BATCH],
    );
    for (const row of rows) {
      after = Number(row.seq);
      const payload = event.codec.decode(new Uint8Array(row.payload));
      const masked = Buffer.from(event.codec.encode(mask(payload)).finish());
      if (masked.equals(Buffer.from(event.codec.encode(payload).finish()))) continue;
      await q.query(`update outbox set payload = $1 where seq = $2`, [masked, row.seq]);
    }
    if (rows.length < BATCH) return;
  }
}

/**
 * The outbox keeps every event it published, for ever: the free text of handling's own events
 * is masked in place, published or not (one not yet published then leaves masked; the copies
 * JetStream already holds are the stream's, and age out with it).
 */
export async function maskStoredEvents(q: QueryRunner): Promise<void> {
  for (const r of FREE_TEXT_EVENTS) await maskOutboxRows(q, r as Rewrite<unknown>);
}
