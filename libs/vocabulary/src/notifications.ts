import { Label, oneOf } from './code-list';

/**
 * Who a notification (通知) goes to: the requester (诉求人, by SMS or instant message: intake sends
 * these, it alone holds the phone), a handling unit, or the unit's leader (负责人, who is copied
 * on an urging notice, ADR 0023). A unit or a leader is named by the unit id; the gateway knows
 * its inbox.
 */
export const NOTIFICATION_RECIPIENT_KINDS = ['requester', 'unit', 'unit-leader'] as const;
export type NotificationRecipientKind = (typeof NOTIFICATION_RECIPIENT_KINDS)[number];
export const isNotificationRecipientKind = oneOf(NOTIFICATION_RECIPIENT_KINDS);
export const NOTIFICATION_RECIPIENT_KIND_LABELS: Record<NotificationRecipientKind, Label> = {
  requester: { zh: '诉求人', en: 'Requester' },
  unit: { zh: '承办单位', en: 'Handling unit' },
  'unit-leader': { zh: '承办单位负责人', en: "Unit's leader" },
};

/** How it travels: a text message or an instant message to a person, or the unit's inbox (its OA system or the console). */
export const NOTIFICATION_CHANNELS = ['sms', 'im', 'unit-inbox'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const isNotificationChannel = oneOf(NOTIFICATION_CHANNELS);
export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, Label> = {
  sms: { zh: '短信', en: 'SMS' },
  im: { zh: '即时消息', en: 'Instant message' },
  'unit-inbox': { zh: '单位待办', en: "Unit's inbox" },
};

/** The channels each kind of recipient can be reached on. */
export const NOTIFICATION_CHANNELS_OF: Record<NotificationRecipientKind, readonly NotificationChannel[]> = {
  requester: ['sms', 'im'],
  unit: ['unit-inbox'],
  'unit-leader': ['unit-inbox'],
};

/**
 * What a notification says, as a code: the gateway (or the default text, libs/platform's
 * notifications/render.ts) words it. Issue 12: the requester is told the new date of an approved
 * extension; a unit of a new order, an urge and a breached clock; the leader of the urging notice
 * or circular its unit received.
 */
export const NOTIFICATION_TEMPLATES = [
  'extension-approved-requester',
  'work-order-new',
  'work-order-urged',
  'work-order-overdue',
  'urge-notice-leader-copy',
  'request-terminated-requester',
  'online-submission-received',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];
export const isNotificationTemplate = oneOf(NOTIFICATION_TEMPLATES);
export const NOTIFICATION_TEMPLATE_LABELS: Record<NotificationTemplate, Label> = {
  'extension-approved-requester': { zh: '延期办理告知诉求人', en: 'Extension approved (to the requester)' },
  'work-order-new': { zh: '新工单提醒', en: 'New work order' },
  'work-order-urged': { zh: '催办提醒', en: 'Work order urged' },
  'work-order-overdue': { zh: '超期提醒', en: 'Work order overdue' },
  'urge-notice-leader-copy': { zh: '催办通知抄送单位负责人', en: "Urging notice copied to the unit's leader" },
  'request-terminated-requester': { zh: '诉求终结告知诉求人', en: 'Request terminated (to the requester)' },
  'online-submission-received': { zh: '网上诉求受理回执', en: 'Online submission received (to the requester)' },
};

/** Who each template is for. */
export const NOTIFICATION_TEMPLATE_RECIPIENT: Record<NotificationTemplate, NotificationRecipientKind> = {
  'extension-approved-requester': 'requester',
  'work-order-new': 'unit',
  'work-order-urged': 'unit',
  'work-order-overdue': 'unit',
  'urge-notice-leader-copy': 'unit-leader',
  'request-terminated-requester': 'requester',
  'online-submission-received': 'requester',
};

/**
 * The parameters each template carries, and nothing else: codes, RFC 3339 instants, numbers and
 * the request number (流水号) — never free text, so nothing a citizen or a unit typed reaches a
 * gateway.
 */
export const NOTIFICATION_TEMPLATE_PARAMS: Record<NotificationTemplate, readonly string[]> = {
  'extension-approved-requester': ['requestNumber', 'dueAt', 'extraWorkingDays'],
  'work-order-new': ['requestNumber', 'workOrderId', 'role', 'urgency', 'signDueAt', 'handleDueAt'],
  'work-order-urged': ['requestNumber', 'workOrderId', 'level', 'method', 'dueAt', 'overdue'],
  'work-order-overdue': ['requestNumber', 'workOrderId', 'clock', 'dueAt'],
  'urge-notice-leader-copy': ['requestNumber', 'workOrderId', 'level', 'dueAt'],
  // The legal route itself is staff's free text: it cannot pass as a parameter, so the requester
  // is told the reason and where to read the route (the public progress lookup shows it).
  'request-terminated-requester': ['requestNumber', 'reasonCode', 'terminatedAt'],
  // The acknowledgement of an online submission (issue 14): the number and the 提取码 the
  // requester follows it with on the public lookup.
  'online-submission-received': ['requestNumber', 'accessCode', 'receivedAt'],
};

/**
 * Parameters that are credentials (the 提取码): delivered to the gateway, which must send them,
 * but masked wherever staff or logs see a notification.
 */
export const NOTIFICATION_SECRET_PARAMS: readonly string[] = ['accessCode'];

/** A notification's parameters as staff and logs see them: the credentials masked. */
export function withSecretParamsMasked(params: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = { ...params };
  for (const key of NOTIFICATION_SECRET_PARAMS) if (key in shown) shown[key] = '********';
  return shown;
}

/**
 * Where a notification's delivery stands: waiting for its first attempt, failed and waiting for
 * the next (retried with backoff for as long as it takes), delivered (the gateway took it), or
 * failed for good (the gateway refused it: a 4xx other than 408/429). `delivered` and `failed` are final.
 */
export const NOTIFICATION_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const isNotificationStatus = oneOf(NOTIFICATION_STATUSES);
export const NOTIFICATION_STATUS_LABELS: Record<NotificationStatus, Label> = {
  pending: { zh: '待发送', en: 'Pending' },
  retrying: { zh: '重试中', en: 'Retrying' },
  delivered: { zh: '已送达网关', en: 'Delivered' },
  failed: { zh: '发送失败', en: 'Failed' },
};

/**
 * How a service hands its notifications over: logged and announced on its stream
 * (NotificationRequested, for a gateway that subscribes; the default), or POSTed to a webhook.
 */
export const NOTIFICATION_ADAPTERS = ['log-and-outbox', 'webhook'] as const;
export type NotificationAdapter = (typeof NOTIFICATION_ADAPTERS)[number];
export const NOTIFICATION_ADAPTER_LABELS: Record<NotificationAdapter, Label> = {
  'log-and-outbox': { zh: '日志与事件', en: 'Log and event' },
  webhook: { zh: 'Webhook 推送', en: 'Webhook' },
};
