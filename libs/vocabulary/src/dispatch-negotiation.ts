import { Label, oneOf } from './code-list';

/**
 * A negotiation (协商) among candidate units when the lead unit is unclear (66号文: 主办/协办
 * by negotiation [S4]): open until its outcome fixes 主办 and 协办 (settled) or its deadline
 * passes (lapsed, and the hotline decides).
 */
export const NEGOTIATION_STATES = ['open', 'settled', 'lapsed'] as const;
export type NegotiationState = (typeof NEGOTIATION_STATES)[number];
export const isNegotiationState = oneOf(NEGOTIATION_STATES);
export const NEGOTIATION_STATE_LABELS: Record<NegotiationState, Label> = {
  open: { zh: '协商中', en: 'Open' },
  settled: { zh: '已议定', en: 'Settled' },
  lapsed: { zh: '协商逾期', en: 'Lapsed' },
};

/** What a candidate unit says: it takes the lead (主办), it assists (协办), or the matter is not its duty. */
export const NEGOTIATION_STANCES = ['lead', 'assist', 'not-ours'] as const;
export type NegotiationStance = (typeof NEGOTIATION_STANCES)[number];
export const isNegotiationStance = oneOf(NEGOTIATION_STANCES);
export const NEGOTIATION_STANCE_LABELS: Record<NegotiationStance, Label> = {
  lead: { zh: '愿意主办', en: 'Takes the lead' },
  assist: { zh: '愿意协办', en: 'Assists' },
  'not-ours': { zh: '非本单位职责', en: 'Not our duty' },
};

/** How a settled negotiation was settled: the candidates agreed, or the hotline decided. */
export const NEGOTIATION_OUTCOMES = ['agreed', 'decided'] as const;
export type NegotiationOutcome = (typeof NEGOTIATION_OUTCOMES)[number];

/**
 * Calendar hours the candidates have to answer. No source sets one; ours [I]: a day, as long as
 * the shortest return window (Tianjin, 1 working day [S12]), so negotiating is not slower than
 * returning.
 */
export const DEFAULT_NEGOTIATION_HOURS = 24;
