import { EntityManager } from 'typeorm';

/** What dispatch keeps of a request (its masked brief) that lists show beside a return or an escalation. */
export interface RequestBriefFields {
  number: string | null;
  categoryCode: string | null;
  areaCode: string | null;
  urgency: string | null;
}

/** For a dispatch recorded before briefs were kept. */
export const NO_BRIEF: RequestBriefFields = { number: null, categoryCode: null, areaCode: null, urgency: null };

/** The brief fields of the dispatches of these requests (RLS: the transaction's tenant). */
export async function briefsOf(manager: EntityManager, requestIds: readonly string[]): Promise<Map<string, RequestBriefFields>> {
  if (requestIds.length === 0) return new Map();
  const rows: Array<{ requestId: string } & RequestBriefFields> = await manager.query(
    `select request_id as "requestId", brief->>'number' as number, brief->>'categoryCode' as "categoryCode",
            brief->>'areaCode' as "areaCode", brief->>'urgency' as urgency
       from dispatches where request_id = any($1::uuid[])`,
    [[...new Set(requestIds)]],
  );
  return new Map(rows.map(({ requestId, ...brief }) => [requestId, brief]));
}
