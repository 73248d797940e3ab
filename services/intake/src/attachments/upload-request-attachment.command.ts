import { EntityManager } from 'typeorm';
import { addAttachment, Attachments, Upload } from '@hotline/attachments';
import { Identity } from '@hotline/platform';
import { requestTakingAttachments } from './request-attachments';

/** An agent or a supervisor attaches a file to an open request: checked, scanned, stored, recorded. */
export async function uploadRequestAttachment(manager: EntityManager, attachments: Attachments, who: Identity, requestId: string, upload: Upload) {
  const owner = await requestTakingAttachments(manager, requestId);
  return addAttachment(manager, attachments, who, owner, upload);
}
