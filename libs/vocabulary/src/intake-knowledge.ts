import { Label, oneOf } from './code-list';

/**
 * A knowledge-base article version's status: written and sent for review, then published (the
 * one the agents find) or rejected; a newer published version supersedes it. Review before
 * publication (53号文: 权威准确; GB/T 44191: periodic review).
 */
export const KB_VERSION_STATUSES = ['in-review', 'published', 'rejected', 'superseded'] as const;
export type KbVersionStatus = (typeof KB_VERSION_STATUSES)[number];
export const isKbVersionStatus = oneOf(KB_VERSION_STATUSES);

export const KB_VERSION_STATUS_LABELS: Record<KbVersionStatus, Label> = {
  'in-review': { zh: '待审核', en: 'In review' },
  published: { zh: '已发布', en: 'Published' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  superseded: { zh: '已替换', en: 'Superseded' },
};

/** 材料性质 of a knowledge item, as the Xinyang 2021 import format lists them (domain.md §13.2). */
export const KB_MATERIAL_KINDS = ['service-guide', 'law', 'hot-qa', 'daily-inquiry', 'notice', 'business-guide', 'approval'] as const;
export type KbMaterialKind = (typeof KB_MATERIAL_KINDS)[number];
export const isKbMaterialKind = oneOf(KB_MATERIAL_KINDS);

export const KB_MATERIAL_KIND_LABELS: Record<KbMaterialKind, Label> = {
  'service-guide': { zh: '办事指南', en: 'Service guide' },
  law: { zh: '法律法规', en: 'Law or regulation' },
  'hot-qa': { zh: '热点问答', en: 'Hot questions' },
  'daily-inquiry': { zh: '日常咨询类', en: 'Everyday inquiry' },
  notice: { zh: '通知公告', en: 'Notice' },
  'business-guide': { zh: '业务指引', en: 'Business guidance' },
  approval: { zh: '审批', en: 'Approval' },
};

/** How a reviewer decides on a version. */
export const KB_REVIEW_DECISIONS = ['approve', 'reject'] as const;
export type KbReviewDecision = (typeof KB_REVIEW_DECISIONS)[number];
