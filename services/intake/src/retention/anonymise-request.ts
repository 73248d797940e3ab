import { EntityManager } from 'typeorm';
import { eraseAttachmentsOf } from '@hotline/attachments';
import { ANONYMISED_MARKER } from '@hotline/vocabulary';
import { anonymisedColumn } from '@hotline/platform';

// Retention's shared fragments (libs/platform anonymised-sql): $2 is the marker.
const removed = (column: string) => anonymisedColumn(column, '$2');

export interface AnonymiseRequest {
  tenantId: string;
  requestId: string;
  at: Date;
  identity: boolean;
  freeText: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * intake's copies of a request whose retention period ended, in the caller's tenant transaction.
 * Identity: the encrypted name, phone, id number and address (so the masked forms, computed from
 * them, are empty too), the keyed match hashes of phone and address, and the requester's address
 * and masked form in notifications to them. Free text: the title, content and intake's outcome
 * detail (masked and encrypted), the duplicate search's text, attachments' file names, the
 * transfers' reasons, notes and brief, and the 110 linkage's notes. Either scope erases the
 * request's attachments (a photo, a letter, a call recording is both identity and content, and
 * cannot be masked): marked erased here, their bytes deleted from the store by the erasure
 * timers outside this transaction. The number, codes, times, statuses, the attachments' size and
 * digest, and the access log stay. Anonymising twice changes nothing; a request intake does not
 * hold (another hotline's id) is nothing to do.
 */
export async function anonymiseRequest(manager: EntityManager, a: AnonymiseRequest): Promise<boolean> {
  if (!UUID.test(a.requestId)) return false;
  const [found]: Array<{ id: string }> = await manager.query(`select id from requests where id = $1 for update`, [a.requestId]);
  if (!found) return false;
  const m = ANONYMISED_MARKER;
  // First: the identity check lets a named requester's identity go only from an anonymised request.
  await manager.query(`update requests set anonymised_at = coalesce(anonymised_at, $2) where id = $1`, [a.requestId, a.at]);
  if (a.identity) {
    await manager.query(
      `update requests set requester_name_enc = null, requester_phone_enc = null, requester_id_number_enc = null,
         requester_address_enc = null, requester_key = null, address_key = null where id = $1`,
      [a.requestId],
    );
    await manager.query(
      `update notifications set recipient_address_enc = null, recipient_masked = $2 where request_id = $1 and recipient_kind = 'requester'`,
      [a.requestId, m],
    );
  }
  if (a.identity || a.freeText) await eraseAttachmentsOf(manager, a.tenantId, [{ kind: 'request', id: a.requestId }], a.at);
  if (a.freeText) {
    await manager.query(
      `update requests set title = ${removed('title')}, content = ${removed('content')}, outcome_detail = ${removed('outcome_detail')},
         title_enc = null, content_enc = null, outcome_detail_enc = null where id = $1`,
      [a.requestId, m],
    );
    // request_match_texts has no row-level security (ADR 0016): its statements name the tenant.
    await manager.query(`delete from request_match_texts where request_id = $1 and tenant_id = $2`, [a.requestId, a.tenantId]);
    await manager.query(`update attachments set filename = $2 where owner_kind = 'request' and owner_id = $1`, [a.requestId, m]);
    await manager.query(
      `update request_transfers set reason = ${removed('reason')}, decision_note = ${removed('decision_note')},
         brief = brief || jsonb_build_object('title', $2::text, 'content', $2::text) where request_id = $1`,
      [a.requestId, m],
    );
    await manager.query(`update linkage_transfers set decision_note = ${removed('decision_note')} where request_id = $1`, [a.requestId, m]);
    await manager.query(
      `update linkage_progress p set note = ${removed('p.note')} from linkage_transfers t where p.transfer_id = t.id and t.request_id = $1`,
      [a.requestId, m],
    );
    await manager.query(`update linkage_handoffs set detail = ${removed('detail')} where request_id = $1`, [a.requestId, m]);
    // A termination's staff text (ADR 0032); its reason code and evidence numbers stay.
    await manager.query(
      `update request_terminations set hearing_record = ${removed('hearing_record')}, legal_route = ${removed('legal_route')},
         note = ${removed('note')}, decision_note = ${removed('decision_note')} where request_id = $1`,
      [a.requestId, m],
    );
  }
  return true;
}
