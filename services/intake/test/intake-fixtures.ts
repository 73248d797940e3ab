import { EventDefinition } from '@hotline/contracts';
import { ServiceUnderTest } from '@hotline/service-testing';

export const TAXONOMY = [
  { code: '01', name: '城乡建设', level: 1 },
  { code: '0101', name: '住房保障', parentCode: '01', level: 2 },
  { code: '010101', name: '物业管理', parentCode: '0101', level: 3 },
  { code: '02', name: '交通运输', level: 1 },
];

/** The channels the demo seed configures (tools/local/demo-tenant.mjs), and one switched off. */
export const CHANNELS = [
  { code: 'phone', name: '12345 热线电话', kind: 'phone' },
  { code: 'web', name: '网上诉求平台', kind: 'web' },
  { code: 'wechat', name: '微信公众号', kind: 'wechat' },
  { code: 'old-sms', name: '短信（停用）', kind: 'sms', enabled: false },
];

export const REQUESTER = { name: '张三丰', phone: '13812345678', idNumber: '32010219900101123X', address: '南京市玄武区中山路1号' };

export function contact(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'phone',
    requester: REQUESTER,
    content: '小区电梯停运三天无人维修',
    areaCode: '320102',
    requestType: 'complaint',
    urgency: 'normal',
    categoryCode: '010101',
    scope: { decision: 'in-scope' },
    ...overrides,
  };
}

/** A tenant as the demo seed leaves it: its channels and (version 1 of) its taxonomy. */
export async function configureTenant(sut: ServiceUnderTest, tenantId: string, options: { channels?: typeof CHANNELS } = {}) {
  const admin = sut.as(tenantId, ['tenant-admin']);
  for (const channel of options.channels ?? CHANNELS) {
    const res = await admin('POST', '/v1/channels', channel);
    if (res.status !== 201) throw new Error(`channel ${channel.code}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const published = await admin('PUT', '/v1/categories', { categories: TAXONOMY });
  if (published.status !== 200) throw new Error(`taxonomy: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body as { version: number; count: number; retiredCodes: Array<{ code: string; requests: number }> };
}

/** The events intake wrote for one aggregate (a request, a tenant's taxonomy), decoded from its outbox. */
export async function outboxEvents<T>(sut: ServiceUnderTest, def: EventDefinition<T>, aggregateId: string): Promise<T[]> {
  const rows: Array<{ payload: Buffer }> = await sut.service.context.dataSource.query(
    `select payload from outbox where event_type = $1 and aggregate_id = $2 order by seq`,
    [def.type, aggregateId],
  );
  return rows.map((r) => def.codec.decode(r.payload));
}

export async function publicFetch(sut: ServiceUnderTest, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(`${sut.service.httpUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}
