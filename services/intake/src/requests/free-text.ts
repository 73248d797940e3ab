import { PiiCipher } from '@hotline/platform';
import { maskPersonalData } from '@hotline/privacy';
import type { RequestEntity } from './request.entity';

/** A request's free text: what the citizen said and what the agent wrote at intake. */
export interface FreeText {
  title: string;
  content: string;
  /** The direct answer or the reason of a decision at intake; null while dispatched. */
  outcomeDetail: string | null;
}

/** The fields of a request's free text as the API names them (views, the access log). */
export const FREE_TEXT_FIELDS = { title: 'title', content: 'content', outcomeDetail: 'scope.detail' } as const;
export type FreeTextField = (typeof FREE_TEXT_FIELDS)[keyof typeof FREE_TEXT_FIELDS];

type FreeTextColumns = Pick<
  RequestEntity,
  'title' | 'titleEnc' | 'content' | 'contentEnc' | 'outcomeDetail' | 'outcomeDetailEnc' | 'freeTextSealed'
>;

const TITLE_CHARS = 30;

/**
 * The title of a request given none: its content's first characters (code points). Cut from the
 * masked content for the masked title, so that no number cut in half escapes the masking.
 */
export function titleFrom(content: string): string {
  return Array.from(content).slice(0, TITLE_CHARS).join('');
}

/**
 * Free text at rest: the masked text in the plain column, and the clear text encrypted beside it
 * only when the two differ. Text without personal data is its own masked form, so encrypting it
 * as well would protect nothing.
 */
function seal(cipher: PiiCipher, tenantId: string, clear: string, masked = maskPersonalData(clear)): [string, Buffer | null] {
  return [masked, masked === clear ? null : cipher.encrypt(tenantId, clear)];
}

/** The columns of a request's free text, masked and sealed. `title` undefined: derived from the content. */
export function sealFreeText(
  cipher: PiiCipher,
  tenantId: string,
  text: { title?: string; content: string; outcomeDetail: string | null },
): FreeTextColumns {
  const [content, contentEnc] = seal(cipher, tenantId, text.content);
  const [title, titleEnc] =
    text.title === undefined ? seal(cipher, tenantId, titleFrom(text.content), titleFrom(content)) : seal(cipher, tenantId, text.title);
  return { title, titleEnc, content, contentEnc, ...sealOutcomeDetail(cipher, tenantId, text.outcomeDetail), freeTextSealed: true };
}

/** The columns of a scope decision's answer or reason taken after registration (an online submission's). */
export function sealOutcomeDetail(cipher: PiiCipher, tenantId: string, detail: string | null): Pick<FreeTextColumns, 'outcomeDetail' | 'outcomeDetailEnc'> {
  const [outcomeDetail, outcomeDetailEnc] = detail === null ? [null, null] : seal(cipher, tenantId, detail);
  return { outcomeDetail, outcomeDetailEnc };
}

/** What everyone is shown: the masked text. A row not sealed yet (the previous release wrote it) is masked as it is read. */
export function maskedFreeText(r: FreeTextColumns): FreeText {
  if (r.freeTextSealed) return { title: r.title, content: r.content, outcomeDetail: r.outcomeDetail };
  return {
    title: maskPersonalData(r.title),
    content: maskPersonalData(r.content),
    outcomeDetail: r.outcomeDetail === null ? null : maskPersonalData(r.outcomeDetail),
  };
}

/**
 * The clear text, and which fields of it held personal data (what a clear read discloses). Only
 * for the audited clear read and for logic inside intake; nothing clear leaves it.
 */
export function openFreeText(cipher: PiiCipher, r: FreeTextColumns & Pick<RequestEntity, 'tenantId'>): { text: FreeText; revealed: FreeTextField[] } {
  const clear = (plain: string, enc: Buffer | null) => (enc ? cipher.decrypt(r.tenantId, enc) : plain);
  const text: FreeText = {
    title: clear(r.title, r.titleEnc),
    content: clear(r.content, r.contentEnc),
    outcomeDetail: r.outcomeDetail === null ? null : clear(r.outcomeDetail, r.outcomeDetailEnc),
  };
  const masked = maskedFreeText(r);
  const revealed = (Object.keys(FREE_TEXT_FIELDS) as Array<keyof FreeText>)
    .filter((field) => text[field] !== masked[field])
    .map((field) => FREE_TEXT_FIELDS[field]);
  return { text, revealed };
}

