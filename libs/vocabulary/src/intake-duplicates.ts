import { Label, oneOf } from './code-list';

/**
 * Cases of other systems a request may refer to: 信访 (letters and visits) and 互联网+督查 (the
 * State Council's online inspection platform). A second request naming the same case is flagged
 * as a possible repeat (domain.md: 并单 of repeated requests).
 */
export const EXTERNAL_REFERENCE_KINDS = ['petition', 'inspection'] as const;
export type ExternalReferenceKind = (typeof EXTERNAL_REFERENCE_KINDS)[number];
export const isExternalReferenceKind = oneOf(EXTERNAL_REFERENCE_KINDS);

export const EXTERNAL_REFERENCE_KIND_LABELS: Record<ExternalReferenceKind, Label> = {
  petition: { zh: '信访件', en: 'Petition (letters and visits)' },
  inspection: { zh: '互联网+督查', en: 'Internet+ inspection case' },
};

/** Why an earlier request is offered as a duplicate candidate; a candidate carries every reason that holds. */
export const DUPLICATE_MATCH_REASONS = ['same-requester', 'same-address', 'same-area', 'similar-text', 'same-external-reference'] as const;
export type DuplicateMatchReason = (typeof DUPLICATE_MATCH_REASONS)[number];

export const DUPLICATE_MATCH_REASON_LABELS: Record<DuplicateMatchReason, Label> = {
  'same-requester': { zh: '同一来电人', en: 'Same requester' },
  'same-address': { zh: '同一地址', en: 'Same address' },
  'same-area': { zh: '同一区域', en: 'Same area' },
  'similar-text': { zh: '内容相似', en: 'Similar text' },
  'same-external-reference': { zh: '同一外部案件', en: 'Same external case' },
};
