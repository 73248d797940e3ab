import { Label, oneOf } from './code-list';

/**
 * Retention of closed requests (issue 13): after a tenant's period the requester's identity and
 * the free text of a closed, archived request are anonymised in every service that holds them;
 * the archive keeps its hash chain.
 *
 * The default period is ours: no retention period for 12345 work orders or their recordings was
 * found (reference/domain.md §16 "归档: retention periods not found", §18 question 6). Ten years
 * is the shortest fixed period of the national scheme for organs' records, 永久 / 定期30年 /
 * 定期10年 (《机关文件材料归档范围和文书档案保管期限规定》, 国家档案局令第8号, 2006-12-18), which
 * a tenant's records office can lengthen (to 30) in its own policy.
 */
export const RETENTION_DEFAULTS = { closedRequestYears: 10, anonymiseIdentity: true, anonymiseFreeText: true } as const;
export const RETENTION_YEARS_MIN = 1;
export const RETENTION_YEARS_MAX = 100;

/** What a retention run removes: the requester's identity (names, phones, match keys), the free text people typed. */
export const RETENTION_SCOPES = ['identity', 'free-text'] as const;
export type RetentionScope = (typeof RETENTION_SCOPES)[number];
export const isRetentionScope = oneOf(RETENTION_SCOPES);
export const RETENTION_SCOPE_LABELS: Record<RetentionScope, Label> = {
  identity: { zh: '诉求人身份信息', en: 'Requester identity' },
  'free-text': { zh: '自由文本（标题、内容、答复、备注）', en: 'Free text (title, content, answers, notes)' },
};

/** How a retention run started: the daily durable timer, or a tenant administrator's request. */
export const RETENTION_RUN_TRIGGERS = ['schedule', 'on-demand'] as const;
export type RetentionRunTrigger = (typeof RETENTION_RUN_TRIGGERS)[number];
export const isRetentionRunTrigger = oneOf(RETENTION_RUN_TRIGGERS);
export const RETENTION_RUN_TRIGGER_LABELS: Record<RetentionRunTrigger, Label> = {
  schedule: { zh: '每日定时', en: 'Daily schedule' },
  'on-demand': { zh: '手动发起', en: 'On demand' },
};

/** A run works in batches while `running`; `failed` keeps the batches done before the error. */
export const RETENTION_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type RetentionRunStatus = (typeof RETENTION_RUN_STATUSES)[number];
export const isRetentionRunStatus = oneOf(RETENTION_RUN_STATUSES);
export const RETENTION_RUN_STATUS_LABELS: Record<RetentionRunStatus, Label> = {
  running: { zh: '进行中', en: 'Running' },
  completed: { zh: '已完成', en: 'Completed' },
  failed: { zh: '失败', en: 'Failed' },
};

/**
 * What replaces an anonymised value wherever text was (the archive record, the case file, the
 * other services' copies): visibly removed, never a plausible value. An identity held only
 * encrypted is removed (null), not replaced.
 */
export const ANONYMISED_MARKER = '〔已匿名化〕';
