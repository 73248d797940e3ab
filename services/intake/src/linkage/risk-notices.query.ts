import type { EntityManager } from 'typeorm';
import { ProblemError, Timers } from '@hotline/platform';
import { findNotice, listNotices, resendNotice, RISK_NOTICE_TIMER, riskNoticeTimerKey } from './risk-notice.repository';
import type { ListRiskNotices } from './risk-notices.schemas';
import { toRiskNoticeView } from './risk-notices.views';

// No tenant filter here: row-level security scopes every statement to the caller's hotline.

export async function listRiskNotices(manager: EntityManager, query: ListRiskNotices) {
  const [items, total] = await listNotices(manager, query);
  return { items: items.map(toRiskNoticeView), total, limit: query.limit, offset: query.offset };
}

export async function getRiskNotice(manager: EntityManager, id: string) {
  const notice = await findNotice(manager, id);
  if (!notice) throw ProblemError.notFound('risk notice');
  return toRiskNoticeView(notice);
}

/**
 * A failed notice goes out again now (its cause mended: a peer configured, a pin corrected).
 * The timer is moved before the notice is written, the order a delivery attempt takes them in.
 */
export async function resendRiskNotice(manager: EntityManager, tenantId: string, id: string) {
  const notice = await findNotice(manager, id);
  if (!notice) throw ProblemError.notFound('risk notice');
  if (notice.state !== 'failed') throw ProblemError.conflict(`the notice is ${notice.state}: only a failed one is sent again`);
  const now = new Date();
  await Timers.schedule(manager, { tenantId, kind: RISK_NOTICE_TIMER, key: riskNoticeTimerKey(tenantId, notice.alertId), dueAt: now, payload: { alertId: notice.alertId } });
  // Settled by the statement: an escalation or another resend in between makes it pending first.
  if (!(await resendNotice(manager, id, now))) throw ProblemError.conflict('the notice is no longer failed');
  return toRiskNoticeView({ ...notice, state: 'pending', attempts: 0, lastError: null, nextAttemptAt: now, updatedAt: now });
}
