// Seeds the demo tenant through the services' own APIs (idempotent: 409s are fine).
import { SignJWT } from 'jose';

export const DEMO_TENANT = 'city-3201';
export const DEMO_ROLES = ['agent', 'dispatcher', 'unit-operator', 'reviewer', 'supervisor', 'tenant-admin'];

export async function demoTokens(secret) {
  const key = new TextEncoder().encode(secret);
  const tokens = {};
  for (const role of DEMO_ROLES) {
    tokens[role] = await new SignJWT({ tenant: DEMO_TENANT, roles: [role], ...(role === 'unit-operator' ? { unit: 'housing' } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`${DEMO_TENANT}:${role}`)
      .setIssuedAt()
      .setExpirationTime('30d')
      .sign(key);
  }
  return tokens;
}

async function send(url, method, token, body) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok && res.status !== 409) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 409 ? undefined : res.json();
}

export async function seedDemoTenant(urls, admin) {
  for (const channel of [
    { code: 'phone', name: '12345 热线电话', kind: 'phone' },
    { code: 'web', name: '网上诉求平台', kind: 'web' },
    { code: 'wechat', name: '微信公众号', kind: 'wechat' },
  ])
    await send(`${urls.intake}/v1/channels`, 'POST', admin, channel);

  const root = await send(`${urls.dispatch}/v1/units`, 'POST', admin, {
    code: 'city-gov',
    name: '市政府',
    areaCodes: ['320102', '320104', '320105'],
  });
  if (root) {
    for (const unit of [
      { code: 'housing', name: '市住房和城乡建设局', areaCodes: ['320102', '320104', '320105'] },
      { code: 'env', name: '市生态环境局', areaCodes: ['320102', '320104', '320105'] },
      { code: 'xuanwu', name: '玄武区人民政府', areaCodes: ['320102'] },
    ])
      await send(`${urls.dispatch}/v1/units`, 'POST', admin, { ...unit, parentId: root.id });
  }
  await send(`${urls.handling}/v1/calendar`, 'PUT', admin, { timeZone: 'Asia/Shanghai', extraHolidays: [], extraWorkingDays: [] });
  await send(`${urls.revisit}/v1/sampling-policies/*`, 'PUT', admin, { samplePercent: 30, windowHours: 72 });
  await send(`${urls.revisit}/v1/sampling-policies/${encodeURIComponent('投诉')}`, 'PUT', admin, { samplePercent: 100, windowHours: 48 });
}
