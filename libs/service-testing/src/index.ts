import { headers as natsHeaders } from '@nats-io/transport-node';
import { EventDefinition, EventHeader, eventSubject } from '@hotline/contracts';
import { migrate, RunningService, ServiceDefinition, signLocalToken, startService, uuidv7 } from '@hotline/platform';
import type { Role } from '@hotline/vocabulary';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  serviceEnv,
  SHARED_NATS_URL,
  TEST_AUTH_SECRET,
  TestDatabase,
  uniqueNamespace,
} from '@hotline/testing';

export interface ApiResponse {
  status: number;
  type: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on JSON bodies
  body: any;
}

/** One real service on its own database and event namespace, with HTTP helpers. */
export interface ServiceUnderTest {
  service: RunningService;
  db: TestDatabase;
  namespace: string;
  token(tenantId: string, roles: Role[], unit?: string): Promise<string>;
  request(method: string, path: string, bearer?: string, body?: unknown): Promise<ApiResponse>;
  /** `request` with a fresh token for the tenant and roles. */
  as(tenantId: string, roles: Role[]): (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function startServiceUnderTest(
  def: ServiceDefinition,
  options: { namespace?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ServiceUnderTest> {
  const db = await createTestDatabase(def.name);
  const namespace = options.namespace ?? uniqueNamespace();
  let service: RunningService | undefined;
  const close = async () => {
    await service?.close();
    if (!options.namespace) await deleteNamespaceStreams(SHARED_NATS_URL, namespace);
    await db.drop();
  };
  try {
    await migrate({ url: db.url, entities: def.entities, migrations: def.migrations });
    service = await startService(def, {
      ...serviceEnv({ databaseUrl: db.url, natsUrl: SHARED_NATS_URL, namespace }),
      ...options.env,
    });
  } catch (err) {
    await close();
    throw err;
  }
  const running = service;
  // Tokens are for tenants of the registry: a suite's tenants are put in the service's directory
  // as they come (as intake's TenantChanged would have); unknownTenantToken is for the other case.
  const registered = new Set<string>();
  const token = async (tenantId: string, roles: Role[], unit?: string) => {
    if (!registered.has(tenantId)) {
      await registerTestTenant(running, tenantId);
      registered.add(tenantId);
    }
    return signLocalToken(TEST_AUTH_SECRET, { tenantId, roles, unit });
  };
  const request = async (method: string, path: string, bearer?: string, body?: unknown): Promise<ApiResponse> => {
    const res = await fetch(`${running.httpUrl}${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
  };
  return {
    service: running,
    db,
    namespace,
    token,
    request,
    as: (tenantId, roles) => async (method, path, body) => request(method, path, await token(tenantId, roles), body),
    close,
  };
}

/** Puts a tenant in a running service's directory, active (a test's stand-in for the registry). */
export async function registerTestTenant(service: RunningService, code: string, status: 'active' | 'suspended' = 'active'): Promise<void> {
  await service.context.dataSource.query(
    `insert into tenant_directory (code, name, kind, status) values ($1, $1, $2, $3)
     on conflict (code) do update set status = excluded.status, changed_at = now()`,
    [code, code.startsWith('province') ? 'province' : 'city', status],
  );
  service.context.tenants.forget(code);
}

/** A token for a tenant the registry does not know (tests of refusals). */
export function unknownTenantToken(tenantId: string, roles: Role[]): Promise<string> {
  return signLocalToken(TEST_AUTH_SECRET, { tenantId, roles });
}

/**
 * Publishes an event as its producer's outbox relay would (headers, Nats-Msg-Id), so a suite
 * can drive a consumer without running the producing service. Returns the message id.
 */
export async function publishEvent<T>(
  sut: ServiceUnderTest,
  event: EventDefinition<T>,
  tenantId: string,
  payload: T,
  messageId: string = uuidv7(),
): Promise<string> {
  const h = natsHeaders();
  h.set(EventHeader.msgId, messageId);
  h.set(EventHeader.tenant, tenantId);
  h.set(EventHeader.type, event.type);
  await sut.service.context.bus.js.publish(
    eventSubject(sut.namespace, event, tenantId),
    event.codec.encode(payload).finish(),
    { msgID: messageId, headers: h },
  );
  return messageId;
}
