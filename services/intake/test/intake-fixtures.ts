import { EventDefinition } from '@hotline/contracts';
import { ServiceUnderTest } from '@hotline/service-testing';

export const TAXONOMY = [
  { code: '01', name: '城乡建设', level: 1 },
  { code: '0101', name: '住房保障', parentCode: '01', level: 2 },
  { code: '010101', name: '物业管理', parentCode: '0101', level: 3 },
  { code: '02', name: '交通运输', level: 1 },
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

/** The events intake wrote for one request, decoded from its outbox. */
export async function outboxEvents<T>(sut: ServiceUnderTest, def: EventDefinition<T>, requestId: string): Promise<T[]> {
  const rows: Array<{ payload: Buffer }> = await sut.service.context.dataSource.query(
    `select payload from outbox where event_type = $1 and aggregate_id = $2 order by seq`,
    [def.type, requestId],
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
