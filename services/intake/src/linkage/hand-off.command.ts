import { Identity, Outbox, ProblemError, TenantDb, uuidv7 } from '@hotline/platform';
import { HANDOFF_OUTCOME_LABELS, LINKAGE_COUNTERPART_LABELS, LINKAGE_METHOD_LABELS, Urgency } from '@hotline/vocabulary';
import { recordStep } from '../requests/request-status';
import { findRequest } from '../requests/requests.repository';
import type { HandoffAdapters } from './handoff-adapters';
import type { HandOff } from './linkage.schemas';

/**
 * An agent hands a matter off to 119/120/122, 110 or a utility line. The adapter is called at
 * once, before anything is written: a life-threatening matter never waits in a queue or on the
 * database. Then the hand-off (counterpart, method, adapter, reference, outcome) and its
 * timeline step are recorded; a failed delivery is recorded too and tells the agent to transfer
 * the call directly.
 */
export async function handOff(db: TenantDb, outbox: Outbox, adapters: HandoffAdapters, agent: Identity, requestId: string, input: HandOff, now = new Date()) {
  const request = await db.read(agent.tenantId, (m) => findRequest(m, requestId));
  if (!request) throw ProblemError.notFound('request');
  const id = uuidv7();
  const adapter = adapters.of(input.counterpart);
  const result = await adapter.deliver({
    handoffId: id,
    tenantId: agent.tenantId,
    requestNumber: request.number,
    counterpart: input.counterpart,
    method: input.method,
    urgency: request.urgency as Urgency,
    areaCode: request.areaCode,
    summary: request.content,
    at: now.toISOString(),
  });
  const outcome = result.delivered ? 'delivered' : 'failed';
  await db.run(agent.tenantId, async (m) => {
    await m.query(
      `insert into linkage_handoffs (id, tenant_id, request_id, counterpart, method, adapter, outcome, counterpart_ref, detail, handed_off_by, handed_off_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, agent.tenantId, requestId, input.counterpart, input.method, adapter.kind, outcome, result.counterpartRef, result.detail, agent.subject, now],
    );
    await recordStep(m, outbox, agent.tenantId, requestId, {
      at: now,
      eventType: `intake.handoff-${outcome}`,
      note: `${LINKAGE_COUNTERPART_LABELS[input.counterpart].zh} ${LINKAGE_METHOD_LABELS[input.method].zh}: ${HANDOFF_OUTCOME_LABELS[outcome].zh}`,
      actor: agent.subject,
      factKey: `handoff:${id}`,
    });
  });
  return {
    id,
    requestId,
    counterpart: input.counterpart,
    method: input.method,
    adapter: adapter.kind,
    outcome,
    counterpartRef: result.counterpartRef,
    detail: result.detail,
    handedOffBy: agent.subject,
    handedOffAt: now.toISOString(),
  };
}
