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
  const token = (tenantId: string, roles: Role[], unit?: string) => signLocalToken(TEST_AUTH_SECRET, { tenantId, roles, unit });
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
