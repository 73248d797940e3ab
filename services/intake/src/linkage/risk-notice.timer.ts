import type { ServiceError } from '@grpc/grpc-js';
import { Counter } from 'prom-client';
import { In } from 'typeorm';
import { isUuid, onTimer, safeErrorText, ServiceContext, TimerDefinition, Timers } from '@hotline/platform';
import type { IntakeConfig } from '../config';
import { RequestEntity } from '../requests/request.entity';
import { maskedRequester } from '../requests/requests.views';
import { linkageOf } from './linkage-client';
import { isRefusal, notifyRiskMessage, retryDelayMs, RISK_NOTICE_REQUESTS_SENT, riskRequestOf } from './risk-notice.payload';
import { findNoticeOfAlert, markAttemptFailed, markSent, RISK_NOTICE_TIMER, riskNoticeTimerKey } from './risk-notice.repository';

type Outcome = 'sent' | 'retried' | 'failed';
const counters = new WeakMap<ServiceContext, Counter<'outcome'>>();

/** hl_linkage_risk_notices_total{outcome}: a `failed` count, or `retried` going on, is an alert for the operator. */
function countOutcome(ctx: ServiceContext, outcome: Outcome): void {
  let counter = counters.get(ctx);
  if (!counter) {
    counter = new Counter({
      name: 'hl_linkage_risk_notices_total',
      help: 'Delivery attempts of stability-risk notices to 110, by outcome (sent, retried after an outage, failed: refused or no peer)',
      labelNames: ['outcome'],
      registers: [ctx.metrics.registry],
    });
    counters.set(ctx, counter);
  }
  counter.inc({ outcome });
}

/**
 * One delivery attempt of a notice's current revision, on the durable timers (a restart loses
 * none; two replicas never make one attempt twice). The masked requests are read now, so what
 * retention removed is not sent. 110's receipt marks it sent; an outage (no answer, UNAVAILABLE,
 * a missed deadline, RESOURCE_EXHAUSTED) schedules the next attempt after a capped, doubling
 * wait, for as long as it lasts; a refusal, or no 110 peer for the hotline, marks it failed with
 * the reason (a tenant admin sends it again once mended). Every call is in linkage_audit.
 */
export const deliverRiskNotice = onTimer(RISK_NOTICE_TIMER, async (timer, manager, ctx) => {
  const config = ctx.serviceConfig as IntakeConfig;
  const notice = await findNoticeOfAlert(manager, timer.tenantId, String(timer.payload.alertId ?? ''));
  if (!notice || notice.state !== 'pending') return; // sent, acknowledged or failed meanwhile: nothing to send
  const now = new Date();
  const { clients, cipher } = linkageOf(ctx);
  const peer = clients.peers.of(timer.tenantId, '110');
  if (!peer) {
    await markAttemptFailed(manager, notice, 'no 110 peer is configured for this hotline (LINKAGE_PEERS)', null, now, null);
    countOutcome(ctx, 'failed');
    ctx.logger.warn({ tenantId: timer.tenantId, noticeId: notice.id }, 'stability-risk notice not sent: this hotline has no 110 peer');
    return;
  }
  const ids = notice.requestIds.filter(isUuid).slice(0, RISK_NOTICE_REQUESTS_SENT);
  const found = ids.length === 0 ? [] : await manager.getRepository(RequestEntity).findBy({ id: In(ids) });
  const byId = new Map(found.map((r) => [r.id, r]));
  const requests = ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [riskRequestOf(r, maskedRequester(cipher, r))] : [];
  });
  try {
    const receipt = await clients.call(peer, 'NotifyRisk', notice.id, (c) => c.notifyRisk, notifyRiskMessage(notice, requests, now));
    await markSent(manager, notice, peer.name, receipt.receiverRef ?? '', new Date());
    countOutcome(ctx, 'sent');
  } catch (err) {
    const code = (err as ServiceError).code;
    const error = safeErrorText(code === undefined ? (err as Error).message ?? String(err) : `grpc ${code}: ${(err as ServiceError).details ?? (err as Error).message}`);
    if (isRefusal(code)) {
      await markAttemptFailed(manager, notice, `110 refused the notice: ${error}`, null, new Date(), peer.name);
      countOutcome(ctx, 'failed');
      return;
    }
    const nextAt = new Date(Date.now() + retryDelayMs(notice.attempts + 1, config.LINKAGE_RISK_NOTICE_RETRY_BASE_MS, config.LINKAGE_RISK_NOTICE_RETRY_MAX_MS));
    await markAttemptFailed(manager, notice, error, nextAt, new Date(), peer.name);
    // The same key: the worker sees its due moved and leaves this schedule standing.
    await Timers.schedule(manager, { tenantId: timer.tenantId, kind: RISK_NOTICE_TIMER, key: riskNoticeTimerKey(timer.tenantId, notice.alertId), dueAt: nextAt, payload: { alertId: notice.alertId } });
    countOutcome(ctx, 'retried');
  }
});

export const riskNoticeTimers: readonly TimerDefinition[] = [deliverRiskNotice];
