import { EntityManager } from 'typeorm';
import type { ChannelKind } from '@hotline/vocabulary';

/**
 * The kind intake gives a channel code, as the latest ChannelConfigured said: an older event
 * redelivered after a newer one does not undo it.
 */
export async function recordChannelKind(manager: EntityManager, tenantId: string, code: string, kind: ChannelKind, configuredAt: Date): Promise<void> {
  await manager.query(
    `insert into channel_kinds (tenant_id, code, kind, configured_at) values ($1, $2, $3, $4)
     on conflict (tenant_id, code) do update set kind = excluded.kind, configured_at = excluded.configured_at
       where channel_kinds.configured_at <= excluded.configured_at`,
    [tenantId, code, kind, configuredAt],
  );
}

/**
 * What the sampling rules need of a request: its type and channel code as its brief gives them
 * ('' when no brief reached revisit) and the code's kind as intake configured it (null when unknown).
 */
export async function samplingFactsOf(
  manager: EntityManager,
  requestId: string,
): Promise<{ requestType: string; channel: string; configuredKind: ChannelKind | null }> {
  const [row]: Array<{ request_type: string | null; channel: string | null; kind: ChannelKind | null }> = await manager.query(
    `select r.brief->>'requestType' as request_type, r.brief->>'channel' as channel, k.kind
     from case_requests r
     left join channel_kinds k on k.tenant_id = r.tenant_id and k.code = r.brief->>'channel'
     where r.request_id = $1`,
    [requestId],
  );
  return { requestType: row?.request_type ?? '', channel: row?.channel ?? '', configuredKind: row?.kind ?? null };
}
