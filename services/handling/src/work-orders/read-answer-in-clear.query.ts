import { EntityManager } from 'typeorm';
import { canReadClearText } from '@hotline/handling-domain';
import { Identity, PiiCipher, ProblemError } from '@hotline/platform';
import type { PiiAccessPurpose } from '@hotline/vocabulary';
import { recordPiiAccess } from '../pii-access/pii-access.repository';
import { openAnswer } from './answer-text';
import { findVisibleWorkOrder } from './work-orders.query';

/**
 * The one clear read of an order's answer, basis and contact record, for the answering unit's
 * staff and supervisors (handling-domain personal-data.ts says why), recorded with its purpose
 * in the same transaction. Texts without personal data read the same as in every view; when
 * no field holds any, nothing is disclosed and nothing is recorded.
 */
export async function readAnswerInClear(manager: EntityManager, cipher: PiiCipher, who: Identity, id: string, purpose: PiiAccessPurpose) {
  const order = await findVisibleWorkOrder(manager, who, id);
  if (!canReadClearText(who, order.unitCode))
    throw ProblemError.forbidden("an answer's clear text is for the answering unit's staff and supervisors");
  const { texts, disclosed } = openAnswer(cipher, order);
  if (disclosed.length > 0) await recordPiiAccess(manager, who, { purpose, workOrderId: order.id, requestId: order.requestId, fields: disclosed });
  return { workOrderId: order.id, requestId: order.requestId, purpose, disclosedFields: disclosed, ...texts };
}
