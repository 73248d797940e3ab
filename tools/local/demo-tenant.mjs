// Seeds the demo tenants through the services' own APIs, idempotently (409s are fine): users
// (bearer tokens), the unit tree, the dispatch catalog, the calendar, the time-limit table,
// revisit sampling and the DB44/T 2479—2024 content taxonomy (read from ../shared/data).
// The knowledge base comes from the official replies of messages-with-replies.csv (knowledge-seed.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { parseCsv } from './csv.mjs';
import { seedKnowledgeBase } from './knowledge-seed.mjs';
import { seedClassifier } from './classification-seed.mjs';

export const DEMO_ROLES = ['agent', 'dispatcher', 'reviewer', 'supervisor', 'tenant-admin'];

const UNITS = [
  { code: 'housing', name: '住房和城乡建设局' },
  { code: 'env', name: '生态环境局' },
  { code: 'hrss', name: '人力资源和社会保障局' },
  // The coordinating level a hard case is escalated to (提级统筹), under the city government.
  { code: 'district', name: '中心城区人民政府', level: 'district' },
];

/** The province whose operator registers the demo cities (bootstrapped with intake's `tenants` command). */
export const DEMO_PROVINCE = { tenant: 'province-32', name: '江苏省 12345 热线', region: '32' };

export const DEMO_TENANTS = [
  { tenant: 'city-3201', city: '南京市', region: '3201', areas: ['320102', '320104', '320105'], district: '320102' },
  { tenant: 'city-3202', city: '无锡市', region: '3202', areas: ['320213', '320214'], district: '320213' },
];

/**
 * Category (and everything below it in the taxonomy) × area → unit code; 13 (政风行风) and others
 * stay uncatalogued: manual dispatch.
 */
function catalogOf(t) {
  return [
    { categoryCode: '03', areaCode: '*', primary: 'housing' },
    { categoryCode: '0306', areaCode: '*', primary: 'housing', assisting: ['district'] },
    { categoryCode: '0307', areaCode: t.district, primary: 'district' },
    { categoryCode: '04', areaCode: '*', primary: 'env' },
    { categoryCode: '08', areaCode: '*', primary: 'hrss' },
  ];
}

async function sign(secret, claims, subject) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(secret));
}

/** Tokens per role, and per unit one unit-operator, one unit-leader and one unit-principal token (their `unit` claim is the unit code). */
export async function demoTokens(secret, tenant) {
  const tokens = {};
  for (const role of DEMO_ROLES) tokens[role] = await sign(secret, { tenant, roles: [role] }, `${tenant}:${role}`);
  for (const unit of UNITS) {
    tokens[`unit-operator:${unit.code}`] = await sign(secret, { tenant, roles: ['unit-operator'], unit: unit.code }, `${tenant}:${unit.code}`);
    // The unit's leader signs its answers off where the tenant asks for it (ADR 0024).
    tokens[`unit-leader:${unit.code}`] = await sign(secret, { tenant, roles: ['unit-leader'], unit: unit.code }, `${tenant}:${unit.code}-leader`);
    // Its principal (主要负责人) signs off the 重件 where the tenant's policy names them.
    tokens[`unit-principal:${unit.code}`] = await sign(secret, { tenant, roles: ['unit-principal'], unit: unit.code }, `${tenant}:${unit.code}-principal`);
  }
  // The city's telephony system (click-to-call, ADR 0030): a machine identity, not a console user.
  tokens.telephony = await sign(secret, { tenant, roles: ['telephony'] }, `${tenant}:telephony`);
  return tokens;
}

/** The province operator's token. */
export function provinceToken(secret) {
  return sign(secret, { tenant: DEMO_PROVINCE.tenant, roles: ['province-operator'] }, `${DEMO_PROVINCE.tenant}:operator`);
}

/**
 * Registers the demo cities through the registry API (409: already there), then waits until
 * every service's directory knows them (their TenantChanged has reached each service).
 */
export async function registerDemoTenants(urls, token, tokensByTenant, log) {
  for (const t of DEMO_TENANTS)
    await send(`${urls.intake}/v1/tenants`, 'POST', token, { code: t.tenant, name: `${t.city} 12345 热线`, kind: 'city', regionCode: t.region, timeZone: 'Asia/Shanghai' });
  for (const t of DEMO_TENANTS) {
    const admin = tokensByTenant[t.tenant]['tenant-admin'];
    for (const [service, url] of Object.entries(urls)) {
      for (let i = 0; ; i++) {
        const res = await fetch(`${url}/v1/dead-letters?limit=1`, { headers: { authorization: `Bearer ${admin}` } });
        if (res.status === 200) break;
        if (i === 300) throw new Error(`${service} does not know tenant ${t.tenant} after 30 s (its directory follows intake's TenantChanged)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  log(`tenants registered: ${DEMO_PROVINCE.tenant} (province), ${DEMO_TENANTS.map((t) => t.tenant).join(', ')}`);
}

async function send(url, method, token, body) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok && res.status !== 409) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.status === 409 ? undefined : res.json();
}

function db44Categories(dataDir) {
  const file = `${dataDir}/db44-t2479-2024-categories.csv`;
  if (!existsSync(file)) return undefined;
  const seen = new Map();
  // A few rows of the transcription lack a name (source_anomaly); the code stands in for it.
  const add = (code, name, level, parentCode) => {
    if (!seen.has(code) || !seen.get(code).name) seen.set(code, { code, name: name || code, level, ...(parentCode ? { parentCode } : {}) });
  };
  for (const r of parseCsv(readFileSync(file, 'utf8'))) {
    add(r.level_1_code, r.level_1_name, 1);
    add(r.level_2_code, r.level_2_name, 2, r.level_1_code);
    add(r.level_3_code, r.level_3_name, 3, r.level_2_code);
  }
  return [...seen.values()];
}

export async function seedDemoTenant(urls, t, tokens, dataDir, log) {
  const admin = tokens['tenant-admin'];
  for (const channel of [
    { code: 'phone', name: '12345 热线电话', kind: 'phone' },
    { code: 'web', name: '网上诉求平台', kind: 'web' },
    { code: 'wechat', name: '微信公众号', kind: 'wechat' },
  ])
    await send(`${urls.intake}/v1/channels`, 'POST', admin, channel);

  // Each PUT publishes a new taxonomy version: publish the demo's once, not at every start.
  const taxonomy = await send(`${urls.intake}/v1/categories?limit=1`, 'GET', admin);
  const categories = db44Categories(dataDir);
  if (!categories) log(`no ${dataDir}/db44-t2479-2024-categories.csv: ${t.tenant} has no content taxonomy`);
  else if (!(taxonomy?.version >= 1)) await send(`${urls.intake}/v1/categories`, 'PUT', admin, { categories });

  await send(`${urls.dispatch}/v1/units`, 'POST', admin, { code: 'city-gov', name: `${t.city}人民政府`, level: 'city', areaCodes: t.areas });
  const existing = await send(`${urls.dispatch}/v1/units`, 'GET', tokens.dispatcher);
  const root = existing.items.find((u) => u.code === 'city-gov');
  for (const unit of UNITS) {
    const areaCodes = unit.code === 'district' ? [t.district] : t.areas;
    await send(`${urls.dispatch}/v1/units`, 'POST', admin, { code: unit.code, name: `${t.city}${unit.name}`, parentId: root.id, areaCodes, ...(unit.level ? { level: unit.level } : {}) });
  }
  const units = Object.fromEntries((await send(`${urls.dispatch}/v1/units`, 'GET', tokens.dispatcher)).items.map((u) => [u.code, u.id]));
  const current = await fetch(`${urls.dispatch}/v1/catalog`, { headers: { authorization: `Bearer ${tokens.dispatcher}` } });
  if (current.status !== 200) {
    const entries = catalogOf(t).map((e) => ({
      categoryCode: e.categoryCode,
      areaCode: e.areaCode,
      primaryUnitId: units[e.primary],
      ...(e.assisting ? { assistingUnitIds: e.assisting.map((c) => units[c]) } : {}),
    }));
    await send(`${urls.dispatch}/v1/catalog`, 'PUT', admin, { entries });
  }
  await send(`${urls.handling}/v1/calendar`, 'PUT', admin, { timeZone: 'Asia/Shanghai', extraHolidays: [], extraWorkingDays: [] });
  const limits = await send(`${urls.handling}/v1/time-limits`, 'GET', admin);
  await send(`${urls.handling}/v1/time-limits`, 'PUT', admin, {
    rules: limits.items.map(({ requestType, urgency, signFor, handling }) => ({ requestType, urgency, signFor, handling })),
  });
  await send(`${urls.revisit}/v1/sampling-policies/*`, 'PUT', admin, { samplePercent: 30, windowHours: 72 });
  await send(`${urls.revisit}/v1/sampling-policies/complaint`, 'PUT', admin, { samplePercent: 100, windowHours: 48 });
  await seedKnowledgeBase(urls.intake, tokens, dataDir, log);
  // After the taxonomy: the model's categories must be the tenant's (classification-seed.mjs maps the board's classes).
  if (categories) await seedClassifier(urls.intake, tokens, dataDir, log);
}
