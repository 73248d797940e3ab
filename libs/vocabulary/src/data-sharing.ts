import { Label, oneOf } from './code-list';

/**
 * 数据分类分级 (domain.md §13.1): every field of a request a hotline may share with another
 * department carries a grade. Ordered from the least to the most protected: 一般 general,
 * 重要 important, 个人信息 personal (about the requester, 个人信息保护法), 核心 core (the highest,
 * shared only on an explicit flag of the agreement). An agreement's max grade admits its grade
 * and every grade before it.
 */
export const DATA_GRADES = ['general', 'important', 'personal', 'core'] as const;
export type DataGrade = (typeof DATA_GRADES)[number];
export const isDataGrade = oneOf(DATA_GRADES);

export const DATA_GRADE_LABELS: Record<DataGrade, Label> = {
  general: { zh: '一般', en: 'General' },
  important: { zh: '重要', en: 'Important' },
  personal: { zh: '个人信息', en: 'Personal information' },
  core: { zh: '核心', en: 'Core' },
};

/** Whether a field of grade `grade` lies within an agreement's `max` grade. */
export function isWithinGrade(grade: DataGrade, max: DataGrade): boolean {
  return DATA_GRADES.indexOf(grade) <= DATA_GRADES.indexOf(max);
}

/**
 * How a field is released: as it is (`none`); masked (`mask`: the identity masks of
 * intake-domain, the stored masked form of free text); left out (`drop`); made coarser
 * (`coarsen`: an area to its city, an instant to its day in the hotline's time zone).
 */
export const SHARING_MASKINGS = ['none', 'mask', 'drop', 'coarsen'] as const;
export type SharingMasking = (typeof SHARING_MASKINGS)[number];
export const isSharingMasking = oneOf(SHARING_MASKINGS);

export const SHARING_MASKING_LABELS: Record<SharingMasking, Label> = {
  none: { zh: '原样', en: 'As is' },
  mask: { zh: '脱敏', en: 'Masked' },
  drop: { zh: '不提供', en: 'Dropped' },
  coarsen: { zh: '降低精度', en: 'Coarsened' },
};

/** The fields of a request a sharing agreement may name, as a release names them. */
export const SHARING_FIELDS = [
  'number',
  'receivedAt',
  'channel',
  'requestType',
  'urgency',
  'categoryCode',
  'areaCode',
  'status',
  'title',
  'content',
  'answer',
  'unit',
  'requester.name',
  'requester.phone',
  'requester.idNumber',
  'requester.address',
] as const;
export type SharingField = (typeof SHARING_FIELDS)[number];
export const isSharingField = oneOf(SHARING_FIELDS);

export interface SharingFieldSpec {
  grade: DataGrade;
  /** About the requester: a clear release is a disclosure of personal information, audited as one. */
  personal: boolean;
  /** The maskings that make sense for it (`drop` always does). */
  maskings: readonly SharingMasking[];
  label: Label;
}

/**
 * The catalogue: each field's grade and maskings. Free text (title, content, the answer) is only
 * ever shared in its stored masked form — its clear text stays behind intake's audited clear read.
 * The ID number is 敏感个人信息 (个人信息保护法第二十八条): graded core, not merely personal.
 */
export const SHARING_FIELD_CATALOGUE: Record<SharingField, SharingFieldSpec> = {
  number: { grade: 'general', personal: false, maskings: ['none', 'drop'], label: { zh: '流水号', en: 'Request number' } },
  receivedAt: { grade: 'general', personal: false, maskings: ['none', 'coarsen', 'drop'], label: { zh: '受理时间', en: 'Received at' } },
  channel: { grade: 'general', personal: false, maskings: ['none', 'drop'], label: { zh: '渠道', en: 'Channel' } },
  requestType: { grade: 'general', personal: false, maskings: ['none', 'drop'], label: { zh: '诉求类型', en: 'Request type' } },
  urgency: { grade: 'general', personal: false, maskings: ['none', 'drop'], label: { zh: '紧急程度', en: 'Urgency' } },
  categoryCode: { grade: 'general', personal: false, maskings: ['none', 'drop'], label: { zh: '内容分类', en: 'Category' } },
  areaCode: { grade: 'general', personal: false, maskings: ['none', 'coarsen', 'drop'], label: { zh: '区域', en: 'Area' } },
  status: { grade: 'general', personal: false, maskings: ['none', 'drop'], label: { zh: '办理状态', en: 'Status' } },
  title: { grade: 'important', personal: false, maskings: ['mask', 'drop'], label: { zh: '标题（脱敏）', en: 'Title (masked)' } },
  content: { grade: 'important', personal: false, maskings: ['mask', 'drop'], label: { zh: '诉求内容（脱敏）', en: 'Content (masked)' } },
  answer: { grade: 'important', personal: false, maskings: ['mask', 'drop'], label: { zh: '答复/处理结果（脱敏）', en: 'Answer or outcome (masked)' } },
  unit: { grade: 'important', personal: false, maskings: ['none', 'drop'], label: { zh: '承办单位', en: 'Handling unit' } },
  'requester.name': { grade: 'personal', personal: true, maskings: ['none', 'mask', 'drop'], label: { zh: '诉求人姓名', en: 'Requester name' } },
  'requester.phone': { grade: 'personal', personal: true, maskings: ['none', 'mask', 'drop'], label: { zh: '联系电话', en: 'Requester phone' } },
  'requester.idNumber': { grade: 'core', personal: true, maskings: ['none', 'mask', 'drop'], label: { zh: '证件号码', en: 'Requester ID number' } },
  'requester.address': { grade: 'personal', personal: true, maskings: ['none', 'mask', 'drop'], label: { zh: '诉求人地址', en: 'Requester address' } },
};

/** How shared data leaves: pulled by the department with its credentials, or pushed to it as a feed. */
export const RELEASE_KINDS = ['pull', 'feed'] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];
export const RELEASE_KIND_LABELS: Record<ReleaseKind, Label> = {
  pull: { zh: '接口调取', en: 'Pulled through the API' },
  feed: { zh: '主动推送', en: 'Pushed as a feed' },
};

/**
 * A push feed of an agreement (issue 17, ADR 0035 addendum): pushing (`active`), stopped after a
 * batch failed every attempt until it is redelivered or replayed (`paused`), or over because its
 * agreement is no longer active or valid (`ended`).
 */
export const SHARING_PUSH_STATES = ['active', 'paused', 'ended'] as const;
export type SharingPushState = (typeof SHARING_PUSH_STATES)[number];
export const SHARING_PUSH_STATE_LABELS: Record<SharingPushState, Label> = {
  active: { zh: '推送中', en: 'Pushing' },
  paused: { zh: '已暂停（投递失败）', en: 'Paused (delivery failed)' },
  ended: { zh: '已结束', en: 'Ended' },
};

/** One pushed batch: waiting for (another) attempt, delivered (a 2xx), failed every attempt, or cancelled (replayed past, cleared, agreement ended). */
export const SHARING_PUSH_DELIVERY_STATES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type SharingPushDeliveryState = (typeof SHARING_PUSH_DELIVERY_STATES)[number];
export const SHARING_PUSH_DELIVERY_STATE_LABELS: Record<SharingPushDeliveryState, Label> = {
  pending: { zh: '待投递', en: 'Pending' },
  delivered: { zh: '已送达', en: 'Delivered' },
  failed: { zh: '投递失败', en: 'Failed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** A sharing agreement's life: proposed, active once a second person approved it, refused, or revoked (also when superseded). */
export const SHARING_AGREEMENT_STATES = ['proposed', 'active', 'refused', 'revoked'] as const;
export type SharingAgreementState = (typeof SHARING_AGREEMENT_STATES)[number];
export const SHARING_AGREEMENT_STATE_LABELS: Record<SharingAgreementState, Label> = {
  proposed: { zh: '待审批', en: 'Proposed' },
  active: { zh: '生效', en: 'Active' },
  refused: { zh: '未批准', en: 'Refused' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};

/** The purpose a clear release of personal data is logged under in the access log. */
export const DATA_SHARING_ACCESS_PURPOSE = 'data-sharing';
export const DATA_SHARING_ACCESS_PURPOSE_LABEL: Label = { zh: '数据共享', en: 'Data sharing' };

/** A receiving department's code, as its recipients' tokens carry it (`department` claim). */
export const DEPARTMENT_CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const DEPARTMENT_CODE_RULE = 'lowercase letters and digits in dash-separated groups, at most 63 characters';
export function isDepartmentCode(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DEPARTMENT_CODE_PATTERN.test(value);
}
