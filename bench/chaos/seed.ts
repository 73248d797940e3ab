import { SignJWT } from 'jose';
import type { ServiceName } from '@hotline/vocabulary';

export const TENANT = 'city-3201';
export const AUTH_SECRET = 'chaos-run-local-secret-0123456789abcdef';

/** Category → units of the minimal seed: 电梯 (under 物业管理) is catalogued, 政风行风 waits for a dispatcher. */
export const CATALOGUED_CATEGORY = '030603';
export const UNCATALOGUED_CATEGORY = '1301';
export const AREA = '320104';

const CATEGORIES = [
  { code: '03', name: '城乡建设', level: 1 },
  { code: '0306', name: '物业管理', level: 2, parentCode: '03' },
  { code: CATALOGUED_CATEGORY, name: '电梯', level: 3, parentCode: '0306' },
  { code: '13', name: '政风行风', level: 1 },
  { code: UNCATALOGUED_CATEGORY, name: '工作作风', level: 2, parentCode: '13' },
];

export type Role = 'tenant-admin' | 'dispatcher' | 'supervisor' | 'reviewer' | 'agent';

/**
 * Bearer tokens of the seeded tenant, by role; unit staff by their unit's code. They live two
 * hours: a scenario takes minutes, and services refuse tokens longer-lived than
 * AUTH_MAX_TOKEN_LIFETIME_S (12 h by default).
 */
export class Tokens {
  private readonly cache = new Map<string, Promise<string>>();

  of(role: Role): Promise<string> {
    return this.sign(role, { tenant: TENANT, roles: [role] });
  }

  unitOperator(unitCode: string): Promise<string> {
    return this.sign(`unit-operator:${unitCode}`, { tenant: TENANT, roles: ['unit-operator'], unit: unitCode });
  }

  private sign(subject: string, claims: Record<string, unknown>): Promise<string> {
    let token = this.cache.get(subject);
    if (!token) {
      token = new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(`${TENANT}:${subject}`)
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(new TextEncoder().encode(AUTH_SECRET));
      this.cache.set(subject, token);
    }
    return token;
  }
}

export type Api = (service: ServiceName, method: string, path: string, token?: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

/**
 * The least a tenant needs for contacts to travel without people: the phone and web channels, a
 * taxonomy, a unit tree, a catalog entry (主办 + 协办, so one dispatch makes two work orders)
 * and the working calendar. Seeded through the services' own APIs.
 */
export async function seedTenant(api: Api, tokens: Tokens): Promise<void> {
  const admin = await tokens.of('tenant-admin');
  const must = async (service: ServiceName, method: string, path: string, body?: unknown) => {
    const res = await api(service, method, path, admin, body);
    if (res.status >= 300) throw new Error(`seed: ${method} ${service} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { items?: { id: string; code: string }[] };
  };
  await must('intake', 'POST', '/v1/channels', { code: 'web', name: '网上诉求平台', kind: 'web' });
  await must('intake', 'POST', '/v1/channels', { code: 'phone', name: '12345 热线电话', kind: 'phone' });
  await must('intake', 'PUT', '/v1/categories', { categories: CATEGORIES });
  await must('dispatch', 'POST', '/v1/units', { code: 'city-gov', name: '南京市人民政府', areaCodes: ['3201'] });
  const root = (await must('dispatch', 'GET', '/v1/units')).items?.find((u) => u.code === 'city-gov');
  for (const unit of [
    { code: 'housing', name: '南京市住房和城乡建设局' },
    { code: 'district', name: '玄武区人民政府' },
  ])
    await must('dispatch', 'POST', '/v1/units', { ...unit, parentId: root?.id, areaCodes: [AREA] });
  const units = new Map((await must('dispatch', 'GET', '/v1/units')).items?.map((u) => [u.code, u.id]));
  await must('dispatch', 'PUT', '/v1/catalog', {
    entries: [{ categoryCode: '0306', areaCode: '*', primaryUnitId: units.get('housing'), assistingUnitIds: [units.get('district')] }],
  });
  await must('handling', 'PUT', '/v1/calendar', { timeZone: 'Asia/Shanghai', extraHolidays: [], extraWorkingDays: [] });
}
