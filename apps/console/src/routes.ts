// The console's pages and who may open them (the services enforce the same roles on every call;
// this only decides what the menu offers).
import type { Role } from '@hotline/vocabulary';

export interface RouteDef {
  path: string;
  zh: string;
  en: string;
  roles: readonly Role[];
}

export const ROUTES: readonly RouteDef[] = [
  { path: 'desk', zh: '话务台', en: 'Agent desk', roles: ['agent'] },
  { path: 'dispatch', zh: '人工派单', en: 'Manual dispatch', roles: ['dispatcher'] },
  { path: 'unit', zh: '承办工单', en: 'Unit work orders', roles: ['unit-operator', 'unit-leader', 'unit-principal'] },
  { path: 'reviews', zh: '复核', en: 'Review', roles: ['reviewer', 'supervisor'] },
  { path: 'revisits', zh: '回访', en: 'Revisit', roles: ['reviewer', 'agent', 'supervisor'] },
  { path: 'dashboard', zh: '监督看板', en: 'Dashboard', roles: ['supervisor', 'tenant-admin'] },
  { path: 'approvals', zh: '延期暂停审批', en: 'Approvals', roles: ['supervisor', 'tenant-admin'] },
  { path: 'terminations', zh: '诉求终结', en: 'Terminations', roles: ['supervisor', 'tenant-admin'] },
  { path: 'catalog', zh: '派单目录', en: 'Dispatch catalog', roles: ['tenant-admin'] },
  // Issue 16: revisit rules, rate settings, retention and follow-ups.
  { path: 'follow-ups', zh: '持续跟踪', en: 'Follow-ups', roles: ['reviewer', 'supervisor', 'tenant-admin', 'unit-operator', 'unit-leader', 'unit-principal'] },
  { path: 'sampling-rules', zh: '回访规则', en: 'Revisit rules', roles: ['tenant-admin'] },
  { path: 'rate-settings', zh: '统计口径', en: 'Rate settings', roles: ['tenant-admin', 'supervisor'] },
  { path: 'retention', zh: '数据保留', en: 'Retention', roles: ['tenant-admin'] },
  { path: 'tenants', zh: '租户登记', en: 'Tenant registry', roles: ['province-operator'] },
  // Issue 14: online queue, callbacks, call rates and the intake settings.
  { path: 'online-queue', zh: '网上诉求', en: 'Online queue', roles: ['agent', 'supervisor'] },
  { path: 'callbacks', zh: '漏接回拨', en: 'Callbacks', roles: ['agent', 'supervisor'] },
  { path: 'call-rates', zh: '话务统计', en: 'Call rates', roles: ['supervisor', 'tenant-admin'] },
  { path: 'intake-settings', zh: '受理设置', en: 'Intake settings', roles: ['tenant-admin'] },
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
