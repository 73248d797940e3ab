import { RunningService, runOperatorCommand, signLocalToken, startService } from '@hotline/platform';
import { ApiResponse, ServiceUnderTest, startServiceUnderTest } from '@hotline/service-testing';
import { serviceEnv, SHARED_NATS_URL, TEST_AUTH_SECRET } from '@hotline/testing';
import type { Role } from '@hotline/vocabulary';
import { intakeService } from '../src/intake.service';
import { PII_COLUMNS } from '../src/persistence/schema';
import { configureTenant, contact, REQUESTER } from './intake-fixtures';

const OLD_KEY = Buffer.alloc(32, 7).toString('base64'); // the harness's key, version 1
const NEW_KEY = Buffer.alloc(32, 9).toString('base64');
const CONTENT = '请回电13900001111，身份证110101199003074514';
const ANSWER = '请携带银行卡6222021234567890128到柜台办理';
const COLUMNS = PII_COLUMNS.flatMap((t) => t.columns.map((c) => `${t.table}.${c}`));
/** Each column's values per key version; a notification keeps its phone only until delivered, and none is pending here (ADR 0029). */
/** Tables this suite writes nothing into (no notification, no call): their columns count as empty. */
const UNWRITTEN = ['notifications.', 'call_records.', 'callbacks.', 'sharing_push_subscriptions.', 'sharing_push_deliveries.'];
const everyColumn = (versions: string) => Object.fromEntries(COLUMNS.map((c) => [c, UNWRITTEN.some((t) => c.startsWith(t)) ? 'empty' : versions]));

describe("rotating intake's PII key end to end (real PostgreSQL and NATS)", () => {
  let sut: ServiceUnderTest;
  let running: RunningService | undefined;
  const written: string[] = [];
  const env = (keys: Record<string, string>) => ({ ...serviceEnv({ databaseUrl: sut.db.url, natsUrl: SHARED_NATS_URL, namespace: sut.namespace }), ...keys });
  const ROTATED = { PII_KEY_VERSION: '2', PII_MASTER_KEY: NEW_KEY, PII_RETIRED_KEYS: `1:${OLD_KEY}` };
  const WITHOUT_OLD = { PII_KEY_VERSION: '2', PII_MASTER_KEY: NEW_KEY };

  const call = async (service: RunningService, roles: Role[], method: string, path: string, body?: unknown): Promise<Omit<ApiResponse, 'type'>> => {
    const token = await signLocalToken(TEST_AUTH_SECRET, { tenantId: 'city-a', roles });
    const res = await fetch(`${service.httpUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ApiResponse['body'] };
  };
  const register = async (service: RunningService) => {
    const res = await call(service, ['agent'], 'POST', '/v1/requests', contact({ content: CONTENT, scope: { decision: 'direct-answer', answer: ANSWER } }));
    expect(res.status).toBe(201);
    written.push(res.body.id);
  };
  /** Every request written so far reads in clear (identity and text) and in its masked views. */
  const expectEveryRequestReads = async (service: RunningService) => {
    for (const id of written) {
      expect(await call(service, ['agent'], 'GET', `/v1/requests/${id}/requester?purpose=contact-requester`)).toMatchObject({
        status: 200,
        body: { name: REQUESTER.name, phone: REQUESTER.phone, idNumber: REQUESTER.idNumber, address: REQUESTER.address },
      });
      expect(await call(service, ['agent'], 'GET', `/v1/requests/${id}/text?purpose=handle-request`)).toMatchObject({
        status: 200,
        body: { content: CONTENT, scope: { detail: ANSWER } },
      });
    }
    const list = await call(service, ['supervisor'], 'GET', '/v1/requests?limit=200');
    expect(list.body.items.map((r: { requester: { name: string } }) => r.requester.name)).toEqual(written.map(() => '张**'));
  };
  /** `pii status`: the values per key version of each encrypted column. */
  const status = async (keys: Record<string, string>) => {
    const result = await runOperatorCommand(intakeService, 'pii', ['status'], env(keys));
    expect(result.exitCode).toBe(0);
    const [current, ...lines] = result.output.trim().split('\n');
    return { current, columns: Object.fromEntries(lines.map((l) => l.split('\t') as [string, string])) };
  };
  const restart = async (keys: Record<string, string>) => {
    await running?.close();
    running = await startService(intakeService, env(keys));
    return running;
  };

  beforeAll(async () => {
    sut = await startServiceUnderTest(intakeService);
    await configureTenant(sut, 'city-a');
    for (let i = 0; i < 2; i++) await register(sut.service);
    await sut.service.close();
  });
  afterAll(async () => {
    await running?.close();
    await sut?.close();
  });

  it('lists every encrypted column of intake under key version 1', async () => {
    const { current, columns } = await status({});
    expect(current).toBe('current key version 1');
    expect(Object.keys(columns)).toEqual(COLUMNS);
    expect(columns).toEqual(everyColumn('v1: 2'));
  });

  it('reads old and new rows after a restart with key version 2 and the old key retired', async () => {
    const service = await restart(ROTATED);
    await register(service);
    await expectEveryRequestReads(service);
    const { current, columns } = await status(ROTATED);
    expect(current).toBe('current key version 2');
    expect(columns['requests.content_enc']).toBe('v1: 2, v2: 1');
    expect(columns['requests.requester_phone_enc']).toBe('v1: 2, v2: 1');
  });

  it('re-encrypts everything under version 2 with pii rotate, while the service serves', async () => {
    const rotated = await runOperatorCommand(intakeService, 'pii', ['rotate'], env(ROTATED));
    expect(rotated.exitCode).toBe(0);
    expect(rotated.output).toContain('requests.outcome_detail_enc\tv2: 3\tre-encrypted 2');
    const { columns } = await status(ROTATED);
    expect(columns).toEqual(everyColumn('v2: 3'));
    await expectEveryRequestReads(running!);
  });

  it('reads everything once the old key is dropped', async () => {
    const service = await restart(WITHOUT_OLD);
    await expectEveryRequestReads(service);
    expect((await status(WITHOUT_OLD)).current).toBe('current key version 2');
  });
});
