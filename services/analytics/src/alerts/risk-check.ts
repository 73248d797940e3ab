import { EntityManager } from 'typeorm';
import { HotspotSettings, matchRisk, RiskPattern } from '@hotline/analytics-domain';
import { Outbox, uuidv7 } from '@hotline/platform';
import { NEW_ALERT } from './alerts.repository';
import { raiseAlert } from './raise-alert.command';

export interface ScreenedRequest {
  requestId: string;
  categoryCode: string | null;
  areaCode: string | null;
  receivedAt: Date;
  /** Title and content as the event carries them: matched here, never stored. */
  text: string;
}

/** Risk and 舆情 screening of one request: an alert naming the patterns it matched, or nothing. */
export async function checkRisk(m: EntityManager, outbox: Outbox, tenantId: string, r: ScreenedRequest, patterns: readonly RiskPattern[], quiet: HotspotSettings): Promise<void> {
  const match = matchRisk(r.text, patterns);
  if (!match) return;
  await raiseAlert(m, outbox, tenantId, {
    alertId: uuidv7(), kind: 'risk', severity: match.severity, categoryCode: r.categoryCode, areaCode: r.areaCode, count: 1,
    expected: 0, threshold: 0, baselineSource: null, windowStart: r.receivedAt, windowEnd: r.receivedAt, requestIds: [r.requestId],
    riskCodes: match.codes, riskCategories: match.categories, stabilityRisk: match.stabilityRisk, raisedAt: r.receivedAt, updatedAt: r.receivedAt,
    ...NEW_ALERT,
  }, quiet);
}
