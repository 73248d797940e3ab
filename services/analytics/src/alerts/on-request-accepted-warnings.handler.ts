import { Events } from '@hotline/contracts';
import { onEvent } from '@hotline/platform';
import { requestAttributesOf } from '../lifecycle/lifecycle.mappings';
import { loadWarningSettings } from '../warning-settings/warning-settings.repository';
import { checkRisk } from './risk-check';
import { checkSurge } from './surge-check';

/**
 * Early warning on each accepted request, in its own durable consumer
 * (`analytics--hl-intake-v1--early-warning`) so the read model's consumer never waits on it:
 * the surge check of its category × area, and the risk screening of its text.
 */
export const onRequestAcceptedWarnings = onEvent(Events.intake.requestAccepted, 'early-warning', async (event, manager, ctx) => {
  const brief = event.payload.request;
  const a = requestAttributesOf(brief);
  const settings = await loadWarningSettings(manager, event.tenantId);
  const receivedAt = a.receivedAt ?? event.publishedAt;
  if (a.categoryCode && a.areaCode && a.day)
    await checkSurge(manager, ctx.outbox, event.tenantId, { requestId: a.requestId, categoryCode: a.categoryCode, areaCode: a.areaCode, receivedAt, day: a.day }, settings.hotspot);
  const text = `${brief?.title ?? ''}\n${brief?.content ?? ''}`;
  await checkRisk(manager, ctx.outbox, event.tenantId, { requestId: a.requestId, categoryCode: a.categoryCode, areaCode: a.areaCode, receivedAt, text }, settings.riskPatterns, settings.hotspot);
});
