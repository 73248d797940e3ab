import { Label, oneOf } from './code-list';

/**
 * Why a unit returns (退单) an order. Tianjin's 送审稿 allows a return only for "不属于本单位职责范围"
 * with 理由和依据 [S12]; 属地不符, 权属不清 and 职能交叉 are the reasons seen in practice (domain.md §7.2).
 * A tenant may narrow the list it accepts (dispatch settings); no tenant can add a code outside it.
 */
export const RETURN_REASONS = ['not-our-duty', 'wrong-territory', 'ownership-unclear', 'overlapping-duties'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const isReturnReason = oneOf(RETURN_REASONS);
export const RETURN_REASON_LABELS: Record<ReturnReason, Label> = {
  'not-our-duty': { zh: '不属于本单位职责范围', en: 'Not within the unit’s duties' },
  'wrong-territory': { zh: '属地不符', en: 'Outside the unit’s territory' },
  'ownership-unclear': { zh: '权属不清', en: 'Ownership unclear' },
  'overlapping-duties': { zh: '职能交叉', en: 'Overlapping duties' },
};

/**
 * 首接负责 (first responsibility): a unit the catalog entry or the dispatcher made first-responsible
 * leads the coordination of the matter, so it cannot return it as a matter of unclear ownership or
 * overlapping duties — the very matters it must coordinate (it asks the hotline for assisting
 * units or a negotiation instead). It may still return what is plainly not its duty or territory.
 */
export const FIRST_RESPONSIBLE_BARRED_REASONS: readonly ReturnReason[] = ['ownership-unclear', 'overlapping-duties'];

/** Where a return stands in dispute review (争议审核) by the hotline. `accepted` and `rejected` are final. */
export const RETURN_STATUSES = ['in-review', 'accepted', 'rejected'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const isReturnStatus = oneOf(RETURN_STATUSES);
export const RETURN_STATUS_LABELS: Record<ReturnStatus, Label> = {
  'in-review': { zh: '争议审核中', en: 'In dispute review' },
  accepted: { zh: '退单成立,待改派', en: 'Accepted: to be re-dispatched' },
  rejected: { zh: '退单不成立,原单位继续办理', en: 'Rejected: the unit handles it' },
};

/** What the hotline decides on a return. */
export const RETURN_DECISIONS = ['accept', 'reject'] as const;
export type ReturnDecision = (typeof RETURN_DECISIONS)[number];
export const RETURN_DECISION_OUTCOME: Record<ReturnDecision, ReturnStatus> = { accept: 'accepted', reject: 'rejected' };

/** Return window in working days from the dispatch: Tianjin 送审稿 1 wd [S12] (Shandong 2 wd [S15]). */
export const DEFAULT_RETURN_WINDOW_WORKING_DAYS = 1;
/** Dispatch attempts after which the hotline designates (指定办理) the unit: Tianjin 送审稿, 3 [S12]. */
export const DEFAULT_MAX_DISPATCH_ATTEMPTS = 3;
