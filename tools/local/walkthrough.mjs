// `npm run walkthrough`: takes one online request from submission to archive on the running
// platform (`npm start`), printing each step and the public view of the request.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localPorts, SERVICES } from './services.mjs';

const root = resolve(import.meta.dirname, '../..');
const stateDir = resolve(process.env.HOTLINE_STATE_DIR ?? join(root, '.local'));
const tenant = process.env.TENANT ?? 'city-3201';
const tokens = JSON.parse(readFileSync(join(stateDir, 'demo-tokens.json'), 'utf8'))[tenant];
const url = Object.fromEntries(SERVICES.map((name, i) => [name, `http://127.0.0.1:${localPorts(i).http}`]));

async function call(service, method, path, role, body) {
  const res = await fetch(`${url[service]}${path}`, {
    method,
    headers: {
      ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${service}${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function until(what, check) {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const step = (n, text) => process.stdout.write(`\n${n}. ${text}\n`);
const show = (value) => process.stdout.write(`   ${JSON.stringify(value)}\n`);

step(1, `A citizen submits a complaint online to ${tenant} (POST intake /v1/public/${tenant}/requests)`);
const submitted = await call('intake', 'POST', `/v1/public/${tenant}/requests`, undefined, {
  requester: { name: '张三', phone: '13812345678' },
  title: '小区电梯停运',
  // A callback number typed into the text: stored encrypted by intake, masked everywhere else.
  content: '3 号楼电梯停运三天，物业未处理，老人上下楼困难。请回电 13912345678。',
  areaCode: '320104',
  requestType: 'complaint',
  categoryCode: '030603',
});
show(submitted);
const { number, accessCode } = submitted;
const queued = (await call('intake', 'GET', '/v1/online-queue?limit=200', 'agent')).items.find((i) => i.number === number);
process.stdout.write(`   it waits in the online queue for an agent's scope decision until ${queued.dueAt} (state ${queued.state})\n`);

step('1b', 'An agent takes it in scope from the online queue (POST intake /v1/online-queue/{id}/decision)');
const request = await call('intake', 'POST', `/v1/online-queue/${queued.requestId}/decision`, 'agent', {
  requestType: 'complaint',
  urgency: 'normal',
  categoryCode: '030603',
  scope: { decision: 'in-scope' },
});
process.stdout.write(`   request ${request.id}; the agent sees the requester masked: ${request.requester.name} ${request.requester.phone}\n`);

step(2, 'Dispatch places it by the catalog (小区公共设施 → 住建局 主办, 区政府 协办); handling opens work orders');
const orders = await until('work orders', async () => {
  const res = await call('handling', 'GET', `/v1/work-orders?requestId=${request.id}`, 'supervisor');
  return res.items.length === 2 ? res.items : undefined;
});
for (const o of orders) show({ unit: o.unitName, role: o.role, signDueAt: o.signDueAt, handleDueAt: o.handleDueAt });
const primary = orders.find((o) => o.role === 'primary');
const assisting = orders.find((o) => o.role === 'assisting');

step(3, `The ${assisting.unitName} gives its input (协办意见) into the lead's order; the ${primary.unitName} operator signs for it and answers`);
await call('handling', 'POST', `/v1/work-orders/${assisting.id}/sign`, `unit-operator:${assisting.unitCode}`);
const input = await call('handling', 'POST', `/v1/work-orders/${assisting.id}/answer`, `unit-operator:${assisting.unitCode}`, {
  answer: '街道已配合现场核查，督促物业落实维修。',
  basis: '属地管理职责',
  contactRecord: '由主办单位联系诉求人。',
});
show({ unit: assisting.unitName, status: input.status });
await call('handling', 'POST', `/v1/work-orders/${primary.id}/sign`, `unit-operator:${primary.unitCode}`);
const answered = await call('handling', 'POST', `/v1/work-orders/${primary.id}/answer`, `unit-operator:${primary.unitCode}`, {
  answer: '已督促物业公司更换电梯控制板，电梯于次日恢复运行。',
  basis: '《物业管理条例》第三十五条',
  contactRecord: '电话联系诉求人，告知维修结果，诉求人认可。',
});
show({ status: answered.status, answeredAt: answered.answeredAt });

step(4, 'A reviewer checks the answer (复核) and passes it');
const review = await until('the review', async () => {
  const res = await call('revisit', 'GET', '/v1/reviews?status=pending&limit=200', 'reviewer');
  return res.items.find((r) => r.workOrderId === primary.id);
});
show(await call('revisit', 'POST', `/v1/reviews/${review.id}/decision`, 'reviewer', { passed: true }).then((r) => ({ status: r.status })));

step(5, 'An agent revisits the citizen (回访): resolved and satisfied; the request closes and is archived');
await until('the request to await its revisit', async () => (await call('intake', 'GET', `/v1/requests/${request.id}`, 'agent')).status === 'reviewed');
const revisit = await call('revisit', 'POST', '/v1/revisits', 'agent', {
  requestId: request.id,
  method: 'phone',
  resolved: true,
  satisfaction: 'satisfied',
});
show({ archive: { sequence: revisit.archive.sequence, recordHash: revisit.archive.recordHash } });

step(6, `The citizen looks up progress with number ${number} and code ${accessCode} (no personal data)`);
const lookup = await until('the archived status', async () => {
  const res = await call('intake', 'GET', `/v1/public/${tenant}/requests/${number}?code=${accessCode}`);
  return res.status === 'archived' ? res : undefined;
});
for (const t of lookup.timeline) process.stdout.write(`   ${t.at}  ${t.status}\n`);

step(7, 'The archive chain verifies, and analytics has the rates');
show(await call('revisit', 'GET', '/v1/archive/verify', 'supervisor'));
const rates = await until('analytics', async () => {
  const res = await call('analytics', 'GET', '/v1/metrics/rates?groupBy=unit', 'supervisor');
  return res.items.some((r) => r.revisits > 0) ? res.items : undefined;
});
for (const r of rates) show({ unit: r.label, responseRate: r.responseRate, resolutionRate: r.resolutionRate, satisfactionRate: r.satisfactionRate });
process.stdout.write('\nDone.\n');
