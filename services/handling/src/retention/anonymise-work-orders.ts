import { EntityManager } from 'typeorm';
import { AttachmentOwner, eraseAttachmentsOf } from '@hotline/attachments';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { anonymisedColumn, anonymisedBriefKey } from '@hotline/platform';

// Retention's shared fragments (libs/platform anonymised-sql): $2 is the marker.
const removed = (column: string) => anonymisedColumn(column, '$2');
const briefText = (key: string) => anonymisedBriefKey(key, '$2');

export interface AnonymiseWorkOrders {
  tenantId: string;
  requestId: string;
  at: Date;
  identity: boolean;
  freeText: boolean;
}

/**
 * handling's copies of a request whose retention period ended, in the caller's tenant
 * transaction: in the brief of each of its work orders the masked requester (identity) and the
 * title and content (free text); and, as free text, the answers with their basis and contact
 * record (masked and encrypted), answer drafts and their return notes, extension reasons, basis
 * and decisions, urge notes, pause notes, 督办 instructions, replies and closing notes, and the
 * file names of the orders' attachments. Either scope erases the attachments of the work orders
 * and of their 督办 orders (photos and letters are identity and content at once, and cannot be
 * masked): marked erased here, their bytes deleted from the store by the erasure timers outside
 * this transaction. Units, roles, statuses, dues, the attachments' size and digest, and the
 * access log stay. Returns how many work orders it found; anonymising twice changes nothing.
 */
export async function anonymiseWorkOrders(manager: EntityManager, a: AnonymiseWorkOrders): Promise<number> {
  const orders: Array<{ id: string }> = await manager.query(`select id from work_orders where request_id = $1 order by id for update`, [a.requestId]);
  if (orders.length === 0) return 0;
  const ids = orders.map((o) => o.id);
  const m = ANONYMISED_MARKER;
  if (a.identity)
    await manager.query(
      `update work_orders set brief = brief || jsonb_build_object(${briefText('requesterMaskedName')}, ${briefText('requesterMaskedPhone')})
       where id = any($1::uuid[])`,
      [ids, m],
    );
  if (a.freeText) {
    await manager.query(
      `update work_orders set brief = brief || jsonb_build_object(${briefText('title')}, ${briefText('content')}),
         answer = ${removed('answer')}, basis = ${removed('basis')}, contact_record = ${removed('contact_record')},
         answer_enc = null, basis_enc = null, contact_record_enc = null
       where id = any($1::uuid[])`,
      [ids, m],
    );
    await manager.query(
      `update answer_drafts set answer = ${removed('answer')}, basis = ${removed('basis')}, contact_record = ${removed('contact_record')},
         answer_enc = null, basis_enc = null, contact_record_enc = null, return_note = ${removed('return_note')}
       where work_order_id = any($1::uuid[])`,
      [ids, m],
    );
    await manager.query(
      `update work_order_extensions set reason = ${removed('reason')}, basis = ${removed('basis')}, decision_note = ${removed('decision_note')}
       where work_order_id = any($1::uuid[])`,
      [ids, m],
    );
    await manager.query(`update work_order_urges set note = ${removed('note')} where work_order_id = any($1::uuid[])`, [ids, m]);
    await manager.query(
      `update work_order_pauses set note = ${removed('note')}, decision_note = ${removed('decision_note')} where work_order_id = any($1::uuid[])`,
      [ids, m],
    );
    await manager.query(
      `update supervision_orders set instruction = ${removed('instruction')}, reply = ${removed('reply')}, close_note = ${removed('close_note')}
       where work_order_id = any($1::uuid[])`,
      [ids, m],
    );
    await manager.query(
      `update attachments set filename = $2
       where (owner_kind = 'work-order' and owner_id = any($1::uuid[]))
          or (owner_kind = 'supervision-order' and owner_id in (select id from supervision_orders where work_order_id = any($1::uuid[])))`,
      [ids, m],
    );
  }
  if (a.identity || a.freeText) {
    const supervisions: Array<{ id: string }> = await manager.query(`select id from supervision_orders where work_order_id = any($1::uuid[])`, [ids]);
    const owners: AttachmentOwner[] = [
      ...ids.map((id) => ({ kind: 'work-order' as const, id })),
      ...supervisions.map((s) => ({ kind: 'supervision-order' as const, id: s.id })),
    ];
    await eraseAttachmentsOf(manager, a.tenantId, owners, a.at);
  }
  await manager.query(`update work_orders set anonymised_at = coalesce(anonymised_at, $2) where id = any($1::uuid[])`, [ids, a.at]);
  return ids.length;
}
