import { EntityManager } from 'typeorm';
import { Attachments, readAttachment } from '@hotline/attachments';
import type { Identity } from '@hotline/platform';
import type { PiiAccessPurpose } from '@hotline/vocabulary';
import type { HandlingOwner } from './attachment-owners';

/**
 * An attachment of an order the caller may see, with its bytes, for a stated purpose: a download
 * is a clear read of personal data (a photo, a letter), recorded in the access log (field
 * `attachment:<id>`, under the order it belongs to) in the same transaction.
 */
export async function downloadAttachment(manager: EntityManager, attachments: Attachments, who: Identity, owner: HandlingOwner, attachmentId: string, purpose: PiiAccessPurpose) {
  const found = await readAttachment(manager, attachments, owner, attachmentId);
  await manager.query(
    `insert into pii_access_log (tenant_id, subject, roles, purpose, work_order_id, request_id, fields) values ($1, $2, $3, $4, $5, $6, $7)`,
    [who.tenantId, who.subject, who.roles, purpose, owner.workOrderId, owner.requestId, [`attachment:${found.record.id}`]],
  );
  return found;
}
