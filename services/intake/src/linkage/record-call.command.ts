import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { uuidv7 } from '@hotline/platform';
import type { LinkagePeer } from './linkage-config';
import { insertCall } from './linkage.repository';
import type { IncomingCall } from './linkage.schemas';

/** A three-party call (诉求人 + 12345 + 110) as the counterpart recorded it: kept once per its reference. */
export async function recordThreePartyCall(manager: EntityManager, peer: LinkagePeer, call: z.infer<typeof IncomingCall>): Promise<{ duplicate: boolean }> {
  const recorded = await insertCall(manager, {
    id: uuidv7(),
    tenantId: peer.tenant,
    counterpart: peer.counterpart,
    callRef: call.callRef,
    participants: call.participants,
    startedAt: new Date(call.startedAt),
    endedAt: new Date(call.endedAt),
    firstAcceptedBy: call.firstAcceptedBy,
    transferRef: call.transferRef || null,
  });
  return { duplicate: !recorded };
}
