import { Label, oneOf } from './code-list';

/**
 * Why a request may be ended without being solved (诉求终结, domain.md §11.3). The first eight are
 * Linyi's 不合理工单 (not accepted, not handled, not counted in unit assessment); the rest are the
 * repeated request with no new facts (Shantou 2022, Chengdu-style lists) and malicious use of the
 * line (Beijing 条例, 66号文). Stored and sent as these codes.
 */
export const TERMINATION_REASONS = [
  'outside-jurisdiction',
  'statutory-route',
  'contrary-to-law',
  'secret-or-privacy',
  'found-untrue',
  'unreasonable-demand',
  'hearing-found-unreasonable',
  'no-factual-basis',
  'repeated-no-new-facts',
  'malicious-use',
] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];
export const isTerminationReason = oneOf(TERMINATION_REASONS);
export const TERMINATION_REASON_LABELS: Record<TerminationReason, Label> = {
  'outside-jurisdiction': { zh: '不属于本市管辖', en: 'Outside the city’s jurisdiction' },
  'statutory-route': {
    zh: '应当或已经通过诉讼、仲裁、纪检监察、行政复议、信息公开、信访等途径解决',
    en: 'For (or already in) litigation, arbitration, discipline inspection, administrative review, disclosure or 信访',
  },
  'contrary-to-law': { zh: '违反法律法规和政策规定', en: 'Contrary to law or policy' },
  'secret-or-privacy': { zh: '涉及国家秘密、商业秘密、个人隐私或违背公序良俗', en: 'State or trade secrets, privacy, or public order' },
  'found-untrue': { zh: '经调查核实诉求不属实', en: 'Found untrue after investigation' },
  'unreasonable-demand': { zh: '诉求不合理或明显超出合理范围', en: 'Unreasonable or clearly beyond a reasonable scope' },
  'hearing-found-unreasonable': { zh: '经市、县、乡组织听证认定不合理', en: 'Found unreasonable after a hearing' },
  'no-factual-basis': { zh: '无事实依据、虚假反映或恶意占用公共资源', en: 'No factual basis, a false report or malicious use of public resources' },
  'repeated-no-new-facts': {
    zh: '已依法依规处理，诉求人无新的事实和理由重复反映',
    en: 'Already handled by law; repeated with no new facts or reasons',
  },
  'malicious-use': { zh: '恶意骚扰、长时间无理占用热线', en: 'Malicious or long unjustified occupation of the line' },
};

/**
 * A termination's life: proposed by a hotline worker, then approved or refused by a second person
 * (two-person rule), or withdrawn by the proposer. Only an approved one ends the request.
 */
export const TERMINATION_STATES = ['proposed', 'approved', 'refused', 'withdrawn'] as const;
export type TerminationState = (typeof TERMINATION_STATES)[number];
export const isTerminationState = oneOf(TERMINATION_STATES);
export const TERMINATION_STATE_LABELS: Record<TerminationState, Label> = {
  proposed: { zh: '终结待审批', en: 'Proposed' },
  approved: { zh: '已批准终结', en: 'Approved' },
  refused: { zh: '终结未批准', en: 'Refused' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
