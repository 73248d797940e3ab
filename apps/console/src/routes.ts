// The console's pages and who may open them (the services enforce the same roles on every call;
// this only decides what the menu offers).
import type { Role } from '@hotline/vocabulary';

/** The menu's sections, in the order of a request's life, then oversight and settings. */
export const ROUTE_GROUPS = {
  intake: { zh: '受理', en: 'Intake' },
  dispatch: { zh: '派单', en: 'Dispatch' },
  handling: { zh: '办理', en: 'Handling' },
  revisit: { zh: '复核回访', en: 'Review and revisit' },
  oversight: { zh: '监督分析', en: 'Oversight' },
  settings: { zh: '设置', en: 'Settings' },
  province: { zh: '省级', en: 'Province' },
} as const;
export type RouteGroup = keyof typeof ROUTE_GROUPS;

export interface RouteDef {
  path: string;
  zh: string;
  en: string;
  roles: readonly Role[];
  group: RouteGroup;
}

export const ROUTES: readonly RouteDef[] = [
  { path: 'desk', zh: '话务台', en: 'Agent desk', roles: ['agent'], group: 'intake' },
  { path: 'dispatch', zh: '人工派单', en: 'Manual dispatch', roles: ['dispatcher'], group: 'dispatch' },
  { path: 'unit', zh: '承办工单', en: 'Unit work orders', roles: ['unit-operator', 'unit-leader', 'unit-principal'], group: 'handling' },
  { path: 'reviews', zh: '复核', en: 'Review', roles: ['reviewer', 'supervisor'], group: 'revisit' },
  { path: 'revisits', zh: '回访', en: 'Revisit', roles: ['reviewer', 'agent', 'supervisor'], group: 'revisit' },
  { path: 'dashboard', zh: '监督看板', en: 'Dashboard', roles: ['supervisor', 'tenant-admin'], group: 'oversight' },
  { path: 'approvals', zh: '延期暂停审批', en: 'Approvals', roles: ['supervisor', 'tenant-admin'], group: 'handling' },
  { path: 'terminations', zh: '诉求终结', en: 'Terminations', roles: ['supervisor', 'tenant-admin'], group: 'oversight' },
  { path: 'catalog', zh: '派单目录', en: 'Dispatch catalog', roles: ['tenant-admin'], group: 'settings' },
  // Issue 16: revisit rules, rate settings, retention and follow-ups.
  { path: 'follow-ups', zh: '持续跟踪', en: 'Follow-ups', roles: ['reviewer', 'supervisor', 'tenant-admin', 'unit-operator', 'unit-leader', 'unit-principal'], group: 'revisit' },
  { path: 'sampling-rules', zh: '回访规则', en: 'Revisit rules', roles: ['tenant-admin'], group: 'settings' },
  { path: 'rate-settings', zh: '统计口径', en: 'Rate settings', roles: ['tenant-admin', 'supervisor'], group: 'settings' },
  { path: 'retention', zh: '数据保留', en: 'Retention', roles: ['tenant-admin'], group: 'settings' },
  { path: 'tenants', zh: '租户登记', en: 'Tenant registry', roles: ['province-operator'], group: 'province' },
  // Issue 14: online queue, callbacks, call rates and the intake settings.
  { path: 'online-queue', zh: '网上诉求', en: 'Online queue', roles: ['agent', 'supervisor'], group: 'intake' },
  { path: 'callbacks', zh: '漏接回拨', en: 'Callbacks', roles: ['agent', 'supervisor'], group: 'intake' },
  { path: 'call-rates', zh: '话务统计', en: 'Call rates', roles: ['supervisor', 'tenant-admin'], group: 'oversight' },
  { path: 'intake-settings', zh: '受理设置', en: 'Intake settings', roles: ['tenant-admin'], group: 'settings' },
  // Issue 16: dispute review of returns (退单审核), escalation (提级统筹) and 重办 judgements.
  { path: 'returns', zh: '退单审核', en: 'Return review', roles: ['dispatcher', 'supervisor'], group: 'dispatch' },
  { path: 'escalations', zh: '提级统筹', en: 'Escalation', roles: ['dispatcher', 'supervisor'], group: 'dispatch' },
  { path: 'redo', zh: '重办认定', en: 'Redo judgements', roles: ['reviewer', 'supervisor', 'tenant-admin'], group: 'revisit' },
  // Issue 17: early warning, clusters, supervision orders, reports, data sharing and the province overview.
  { path: 'alerts', zh: '预警', en: 'Early warning', roles: ['supervisor', 'tenant-admin'], group: 'oversight' },
  { path: 'clusters', zh: '热点聚类', en: 'Hotspot clusters', roles: ['supervisor', 'tenant-admin'], group: 'oversight' },
  { path: 'supervision', zh: '督办', en: 'Supervision orders', roles: ['supervisor', 'tenant-admin'], group: 'handling' },
  { path: 'reports', zh: '报告', en: 'Reports', roles: ['supervisor', 'tenant-admin'], group: 'oversight' },
  { path: 'sharing', zh: '数据共享', en: 'Data sharing', roles: ['tenant-admin', 'supervisor'], group: 'oversight' },
  { path: 'province-overview', zh: '省级汇总', en: 'Province overview', roles: ['province-operator'], group: 'province' },
  // Issue 16: the tenant administrator's settings (supervisors read them; reviewers review the knowledge base).
  { path: 'taxonomy', zh: '分类体系', en: 'Taxonomy', roles: ['tenant-admin', 'supervisor'], group: 'settings' },
  { path: 'units', zh: '承办单位', en: 'Handling units', roles: ['tenant-admin', 'supervisor'], group: 'settings' },
  { path: 'time-limits', zh: '办理时限', en: 'Time limits', roles: ['tenant-admin', 'supervisor'], group: 'settings' },
  { path: 'calendar', zh: '工作日历', en: 'Working calendar', roles: ['tenant-admin', 'supervisor'], group: 'settings' },
  { path: 'channels', zh: '受理渠道', en: 'Channels', roles: ['tenant-admin', 'supervisor'], group: 'settings' },
  { path: 'transfer-lists', zh: '转办清单', en: 'Transfer lists', roles: ['tenant-admin', 'supervisor'], group: 'settings' },
  { path: 'knowledge', zh: '知识库', en: 'Knowledge base', roles: ['tenant-admin', 'supervisor', 'reviewer'], group: 'settings' },
];

export function routesFor(roles: readonly Role[]): RouteDef[] {
  return ROUTES.filter((r) => r.roles.some((role) => roles.includes(role)));
}

/** The current hash route: `#/unit/abc` → ['unit', 'abc']. */
export function parseHash(hash: string): string[] {
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function go(...parts: string[]): void {
  window.location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
}
