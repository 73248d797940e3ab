import { Label, oneOf } from './code-list';

/**
 * Why someone reads personal data in clear (requester identity, or free text with a phone or an
 * id number in it). Every clear read states one; the access log records it (个人信息保护法第六条:
 * processing limited to a stated purpose; 等保 2.0 三级 security audit).
 */
export const PII_ACCESS_PURPOSES = [
  'contact-requester',
  'verify-identity',
  'handle-request',
  'supervision',
  'complaint-or-dispute',
  'legal-request',
] as const;
export type PiiAccessPurpose = (typeof PII_ACCESS_PURPOSES)[number];
export const isPiiAccessPurpose = oneOf(PII_ACCESS_PURPOSES);

export const PII_ACCESS_PURPOSE_LABELS: Record<PiiAccessPurpose, Label> = {
  'contact-requester': { zh: '联系诉求人', en: 'Contact the requester' },
  'verify-identity': { zh: '核实身份', en: 'Verify identity' },
  'handle-request': { zh: '办理诉求', en: 'Handle the request' },
  supervision: { zh: '督办检查', en: 'Supervision' },
  'complaint-or-dispute': { zh: '投诉或争议处理', en: 'Complaint or dispute' },
  'legal-request': { zh: '依法调取', en: 'Lawful request by an authority' },
};
