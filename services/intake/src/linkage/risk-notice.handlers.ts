import type { EntityManager } from 'typeorm';
import { analyticsEventsV1, Events } from '@hotline/contracts';
import { EventHandlerDefinition, onEvent, ServiceContext, Timers, uuidv7 } from '@hotline/platform';
import { isAlertKind, isAlertSeverity, RiskCategory, severityRank } from '@hotline/vocabulary';
import { riskNoticeSummary } from './risk-notice.payload';
import {
  findNoticeOfAlert,
  insertNotice,
  requestNumbersOf,
  reviseNotice,
  RISK_NOTICE_TIMER,
  riskNoticeTimerKey,
  RiskNoticeContent,
} from './risk-notice.repository';

/** intake's durable consumer of analytics' alerts: `intake--hl-analytics-v1--risk-notices`. */
const RISK_NOTICES = 'risk-notices';

/** The alert as the notice keeps it; an alert this release cannot read is refused (a dead letter, replayable), never dropped. */
async function contentOf(manager: EntityManager, alert: analyticsEventsV1.Alert | undefined): Promise<RiskNoticeContent & { alertId: string }> {
  if (!alert?.alertId) throw new Error('the alert event carries no alert id');
  if (!isAlertKind(alert.kind)) throw new Error(`alert ${alert.alertId}: unknown kind "${alert.kind}"`);
  if (!isAlertSeverity(alert.severity)) throw new Error(`alert ${alert.alertId}: unknown severity "${alert.severity}"`);
  const requestIds = alert.requestIds.slice(0, 50);
  const riskCategories = alert.riskCategories.slice(0, 20) as RiskCategory[];
  const requestCount = Math.max(requestIds.length, Math.min(Number(alert.count) || 0, 1_000_000_000));
  const raisedAt = new Date(alert.raisedAt);
  const content = {
    alertKind: alert.kind,
    severity: alert.severity,
    riskCategories,
    categoryCode: alert.categoryCode || null,
    areaCode: alert.areaCode || null,
    requestCount,
    requestIds,
  };
  return {
    ...content,
    alertId: alert.alertId,
    summary: riskNoticeSummary(content),
    requestNumbers: await requestNumbersOf(manager, requestIds),
    raisedAt: Number.isNaN(raisedAt.getTime()) ? new Date() : raisedAt,
  };
}

/**
 * One notice per stability-risk alert, written in the inbox transaction with its first delivery
 * attempt on the durable timers: this consumer never calls 110 itself, so a slow or absent 110
 * holds no alert behind it and an outage loses none (the timer outlives it).
 *
 * AlertRaised makes the notice (a second one for the same alert finds it and changes nothing).
 * AlertEscalated makes it when the alert has none yet and is now a stability risk, and sends an
 * existing one again as its next revision when the severity rose. The timer is moved before the
 * notice is touched: a delivery attempt in flight holds its timer, then writes the notice, so
 * taking them in the same order never deadlocks with it.
 */
async function recordRiskNotice(manager: EntityManager, ctx: ServiceContext, tenantId: string, alert: analyticsEventsV1.Alert | undefined, escalated: boolean) {
  const known = alert?.alertId ? await findNoticeOfAlert(manager, tenantId, alert.alertId) : undefined;
  if (!known && !alert?.stabilityRisk) return;
  const content = await contentOf(manager, alert);
  const now = new Date();
  const timer = { tenantId, kind: RISK_NOTICE_TIMER, key: riskNoticeTimerKey(tenantId, content.alertId), dueAt: now, payload: { alertId: content.alertId } };
  if (!known) {
    await Timers.schedule(manager, timer);
    const id = await insertNotice(manager, tenantId, uuidv7(), content.alertId, content, now);
    if (id) {
      ctx.logger.info({ tenantId, alertId: content.alertId, noticeId: id }, 'stability-risk notice to 110 recorded');
      return;
    }
    // Another replica made the notice meanwhile (the insert waited for it): an escalation still revises it.
    if (!escalated) return;
  } else {
    // Only news goes out again: a repeated event, or an escalation delivered after a higher one, changes nothing.
    if (!escalated || severityRank(content.severity) <= severityRank(known.severity)) return;
    await Timers.schedule(manager, timer);
  }
  if (await reviseNotice(manager, tenantId, content.alertId, content, now))
    ctx.logger.info({ tenantId, alertId: content.alertId, severity: content.severity }, 'stability-risk notice to 110 revised (alert escalated)');
}

export const onAlertRaisedNotify110 = onEvent(Events.analytics.alertRaised, RISK_NOTICES, (event, manager, ctx) =>
  recordRiskNotice(manager, ctx, event.tenantId, event.payload.alert, false),
);

export const onAlertEscalatedNotify110 = onEvent(Events.analytics.alertEscalated, RISK_NOTICES, (event, manager, ctx) =>
  recordRiskNotice(manager, ctx, event.tenantId, event.payload.alert, true),
);

export const riskNoticeHandlers: readonly EventHandlerDefinition[] = [onAlertRaisedNotify110, onAlertEscalatedNotify110];
