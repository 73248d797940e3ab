import { Label, oneOf } from './code-list';

/**
 * Why the staff of a handling unit reach the requester (ADR 0030): a reveal of the phone or a
 * call through the platform states one, and the access log records it beside the purposes of
 * the hotline's clear reads (PII_ACCESS_PURPOSES). 先联系后办理: units call to verify what was
 * asked, to tell the result before answering, or to arrange a visit on site.
 */
export const REQUESTER_CONTACT_PURPOSES = ['callback-verify', 'callback-result', 'on-site-visit'] as const;
export type RequesterContactPurpose = (typeof REQUESTER_CONTACT_PURPOSES)[number];
export const isRequesterContactPurpose = oneOf(REQUESTER_CONTACT_PURPOSES);

export const REQUESTER_CONTACT_PURPOSE_LABELS: Record<RequesterContactPurpose, Label> = {
  'callback-verify': { zh: '联系核实诉求', en: 'Call back to verify the request' },
  'callback-result': { zh: '告知办理结果', en: 'Call back with the result' },
  'on-site-visit': { zh: '预约现场核查', en: 'Arrange an on-site visit' },
};

/**
 * Why the requester cannot be reached by this caller now, as the masked contact view and the
 * refusals name it: nobody to reach (anonymous), 保密 (confidential: supervisors only), another
 * unit's request, a request no longer with the unit (answered, closed or otherwise final), a
 * role that contacts nobody (dispatchers, reviewers, administrators), or the day's reveals used.
 */
export const CONTACT_UNAVAILABLE_REASONS = ['anonymous', 'confidential', 'other-unit', 'not-with-unit', 'role', 'daily-limit'] as const;
export type ContactUnavailableReason = (typeof CONTACT_UNAVAILABLE_REASONS)[number];
export const isContactUnavailableReason = oneOf(CONTACT_UNAVAILABLE_REASONS);

export const CONTACT_UNAVAILABLE_REASON_LABELS: Record<ContactUnavailableReason, Label> = {
  anonymous: { zh: '匿名诉求，无联系方式', en: 'Anonymous request: no contact' },
  confidential: { zh: '保密诉求，仅督办员可联系', en: 'Confidential request: supervisors only' },
  'other-unit': { zh: '非本单位主办的诉求', en: "Not your unit's request" },
  'not-with-unit': { zh: '诉求已不在本单位办理中', en: 'The request is no longer with your unit' },
  role: { zh: '当前角色不联系诉求人', en: 'Your role does not contact requesters' },
  'daily-limit': { zh: '今日查看号码次数已用完', en: "Today's phone reveals are used up" },
};
