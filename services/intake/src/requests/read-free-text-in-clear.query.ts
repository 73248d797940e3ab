import { EntityManager } from 'typeorm';
import { clearReadRefusal } from '@hotline/intake-domain';
import { Identity, PiiCipher, ProblemError } from '@hotline/platform';
import { recordPiiAccess, statedPurpose } from '../pii-access/pii-access-log';
import type { ClearRead } from '../pii-access/pii-access.schemas';
import { openFreeText } from './free-text';
import { unitCodeOf } from '../contact/unit-codes.repository';
import { findRequest } from './requests.repository';

/**
 * The clear read of a request's free text (title, content, detail at intake), for a stated
 * purpose, audited in the same transaction with the fields that held personal data. Text with
 * none is what every view shows already: it is answered the same, and nothing is disclosed or
 * audited (`revealed` is empty).
 */
export async function readFreeTextInClear(manager: EntityManager, cipher: PiiCipher, who: Identity, id: string, read: ClearRead) {
  const r = await findRequest(manager, id);
  if (!r) throw ProblemError.notFound('request');
  const refusal = clearReadRefusal('free-text', who, { ...r, primaryUnitCode: await unitCodeOf(manager, r.primaryUnitId) });
  if (refusal) throw ProblemError.forbidden(refusal);
  const { text, revealed } = openFreeText(cipher, r);
  if (revealed.length > 0) await recordPiiAccess(manager, who, { requestId: r.id, fields: revealed, ...statedPurpose(read) });
  return {
    requestId: r.id,
    number: r.number,
    title: text.title,
    content: text.content,
    scope: { decision: r.scopeDecision, detail: text.outcomeDetail ?? undefined },
    revealed,
  };
}
