import { EntityManager } from 'typeorm';
import { Attachments, readAttachment } from '@hotline/attachments';
import { Identity } from '@hotline/platform';
import { recordPiiAccess, statedPurpose } from '../pii-access/pii-access-log';
import type { ClearRead } from '../pii-access/pii-access.schemas';
import { readableRequest } from './request-attachments';

/**
 * A request's attachment with its bytes, for a reader the rule lets in, for a stated purpose: a
 * download is a clear read of personal data, audited in the access log (field `attachment:<id>`)
 * in the same transaction.
 */
export async function downloadRequestAttachment(manager: EntityManager, attachments: Attachments, who: Identity, requestId: string, attachmentId: string, read: ClearRead) {
  const owner = await readableRequest(manager, who, requestId);
  const found = await readAttachment(manager, attachments, owner, attachmentId);
  await recordPiiAccess(manager, who, { requestId: owner.id, fields: [`attachment:${found.record.id}`], ...statedPurpose(read) });
  return found;
}
