import { FREE_TEXT_FIELDS, FreeTextField, protectText } from '@hotline/handling-domain';
import { PiiCipher } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import { WorkOrderEntity } from './work-order.entity';
import { Answer } from './work-orders.schemas';

/** The column of each free-text field's ciphertext. */
const ENCRYPTED_COLUMN = { answer: 'answerEnc', basis: 'basisEnc', contactRecord: 'contactRecordEnc' } as const satisfies Record<
  FreeTextField,
  keyof WorkOrderEntity
>;

export type SealedAnswer = Pick<WorkOrderEntity, FreeTextField | (typeof ENCRYPTED_COLUMN)[FreeTextField]>;

/** How an answer is stored: each text masked, and its clear text encrypted under the tenant's key when it holds personal data. */
export function sealAnswer(cipher: PiiCipher, tenantId: string, input: Answer): SealedAnswer {
  const sealed = {} as SealedAnswer;
  for (const field of FREE_TEXT_FIELDS) {
    const text = protectText(input[field]);
    sealed[field] = text.masked;
    sealed[ENCRYPTED_COLUMN[field]] = cipher.encryptOptional(tenantId, text.clear);
  }
  return sealed;
}

export interface OpenedAnswer {
  texts: Record<FreeTextField, string | null>;
  /** The fields whose clear text differs from what every view shows: what a clear read discloses. */
  disclosed: FreeTextField[];
}

/**
 * The clear texts of an order's answer. A text without ciphertext is its stored text, which is
 * clear too when a release before this one wrote it after the upgrade's migration had run (a
 * rolling upgrade): it is disclosed, and logged, whenever it holds personal data.
 */
export function openAnswer(cipher: PiiCipher, order: WorkOrderEntity): OpenedAnswer {
  const texts = {} as OpenedAnswer['texts'];
  const disclosed: FreeTextField[] = [];
  for (const field of FREE_TEXT_FIELDS) {
    const clear = cipher.decryptOptional(order.tenantId, order[ENCRYPTED_COLUMN[field]]) ?? order[field];
    texts[field] = clear;
    if (clear !== null && clear !== maskPersonalData(clear)) disclosed.push(field);
  }
  return { texts, disclosed };
}

/**
 * The texts every view and event carries: masked again on the way out (masking masked text
 * changes nothing), so a row that a release before this one wrote in clear during a rolling
 * upgrade never leaves the service unmasked.
 */
export function maskedAnswer(order: Pick<WorkOrderEntity, FreeTextField>): Record<FreeTextField, string | null> {
  const texts = {} as Record<FreeTextField, string | null>;
  for (const field of FREE_TEXT_FIELDS) {
    const text = order[field];
    texts[field] = text === null ? null : maskPersonalData(text);
  }
  return texts;
}
