import {
  ASSIGNMENT_ROLE_LABELS,
  CLOCK_LABELS,
  isAssignmentRole,
  isClock,
  isUrgeLevel,
  isTerminationReason,
  NotificationTemplate,
  TERMINATION_REASON_LABELS,
  URGE_LEVEL_LABELS,
} from '@hotline/vocabulary';

/**
 * The default wording of each template, in Chinese, for a gateway that forwards text as it is
 * (the webhook body's `text`, the log line). A gateway with its own approved SMS templates
 * (短信模板, which operators must register) words it from the code and parameters instead.
 */
type Params = Record<string, string>;

/** The local calendar day of an instant; a due at local midnight is the end of the day before it. */
export function localDueDay(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
    new Date(at.getTime() - 1),
  );
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return `${part('year')}年${part('month')}月${part('day')}日`;
}

/** The local date and minute of an instant (a sign-for due, a breach). */
export function localMinute(instant: string, timeZone: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(part('year'))}年${Number(part('month'))}月${Number(part('day'))}日 ${part('hour')}:${part('minute')}`;
}

const label = <C extends string>(labels: Record<C, { zh: string }>, is: (v: unknown) => v is C, code: string | undefined) =>
  is(code) ? labels[code].zh : (code ?? '');

const WORDING: Record<NotificationTemplate, (p: Params, tz: string) => string> = {
  'extension-approved-requester': (p, tz) =>
    `您反映的诉求（编号${p['requestNumber']}）经批准延期办理，办理期限延长至${localDueDay(p['dueAt'] ?? '', tz)}。`,
  'work-order-new': (p, tz) =>
    `新工单：诉求编号${p['requestNumber']}（${label(ASSIGNMENT_ROLE_LABELS, isAssignmentRole, p['role'])}），` +
    `请于${localMinute(p['signDueAt'] ?? '', tz)}前签收，${localDueDay(p['handleDueAt'] ?? '', tz)}前办结。`,
  'work-order-urged': (p, tz) =>
    `${label(URGE_LEVEL_LABELS, isUrgeLevel, p['level'])}：诉求编号${p['requestNumber']}的工单办理期限为${localDueDay(p['dueAt'] ?? '', tz)}` +
    `${p['overdue'] === 'true' ? '，已超期' : ''}，请抓紧办理。`,
  'work-order-overdue': (p, tz) =>
    `超期提醒：诉求编号${p['requestNumber']}的工单${label(CLOCK_LABELS, isClock, p['clock'])}已于${localMinute(p['dueAt'] ?? '', tz)}到期，请尽快处理。`,
  'urge-notice-leader-copy': (p, tz) =>
    `抄送：贵单位承办的诉求（编号${p['requestNumber']}）办理期限${localDueDay(p['dueAt'] ?? '', tz)}已过，` +
    `热线已发出${label(URGE_LEVEL_LABELS, isUrgeLevel, p['level'])}，请督促办理。`,
  'request-terminated-requester': (p, tz) =>
    `您反映的诉求（编号${p['requestNumber']}）经审核于${localMinute(p['terminatedAt'] ?? '', tz)}终结办理` +
    `（${label(TERMINATION_REASON_LABELS, isTerminationReason, p['reasonCode'])}）。您可依法通过相应法定途径反映，` +
    `具体途径请凭诉求编号和提取码在办理进度查询中查看。`,
  'online-submission-received': (p, tz) =>
    `您于${localMinute(p['receivedAt'] ?? '', tz)}提交的诉求已收到，诉求编号${p['requestNumber']}，提取码${p['accessCode']}，` +
    `可凭编号和提取码查询办理进度。`,
};

/** The default text of a notification in the tenant's time zone. */
export function renderNotification(template: NotificationTemplate, params: Params, timeZone: string): string {
  return WORDING[template](params, timeZone);
}
