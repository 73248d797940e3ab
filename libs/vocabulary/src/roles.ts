import { Label, oneOf } from './code-list';

/** Roles a token's `roles` claim may carry (ARCHITECTURE.md §5). */
export const ROLES = [
  'agent',
  'dispatcher',
  'unit-operator',
  'unit-leader',
  // A unit's 主要负责人: signs off 重件 (important orders) where the tenant asks for it (domain.md §8.3 [S33]).
  'unit-principal',
  'reviewer',
  'supervisor',
  'tenant-admin',
  'province-operator',
  'linkage-peer',
  // The tenant's telephony system (CTI / virtual-number platform): it exchanges a call
  // reference for the number it dials (ADR 0030), and nothing else.
  'telephony',
  // A department receiving shared data (数据共享, docs/data-sharing.md): pulls what its agreement
  // allows with its `department` claim, and nothing else.
  'data-recipient',
] as const;
export type Role = (typeof ROLES)[number];
export const isRole = oneOf(ROLES);

export const ROLE_LABELS: Record<Role, Label> = {
  agent: { zh: '话务员', en: 'Agent' },
  dispatcher: { zh: '派单员', en: 'Dispatcher' },
  'unit-operator': { zh: '承办单位操作员', en: 'Unit operator' },
  'unit-leader': { zh: '承办单位负责人', en: 'Unit leader' },
  'unit-principal': { zh: '承办单位主要负责人', en: 'Unit principal' },
  reviewer: { zh: '复核员', en: 'Reviewer' },
  supervisor: { zh: '督办员', en: 'Supervisor' },
  'tenant-admin': { zh: '热线管理员', en: 'Tenant administrator' },
  'province-operator': { zh: '省级运营', en: 'Province operator' },
  'linkage-peer': { zh: '联动平台', en: 'Linkage peer' },
  telephony: { zh: '话务系统', en: 'Telephony system' },
  'data-recipient': { zh: '数据共享接收部门', en: 'Data recipient (department)' },
};

/** Handling-unit staff: they see and act on their own unit's work orders only (the `unit` claim). */
export const UNIT_ROLES: readonly Role[] = ['unit-operator', 'unit-leader', 'unit-principal'];

/** Unit staff who sign its answers off: the 分管负责人 (unit-leader) and the 主要负责人 (unit-principal). */
export const UNIT_SIGNERS: readonly Role[] = ['unit-leader', 'unit-principal'];

/** Hotline staff who see every unit's work orders of their tenant (reviewers read what they review). */
export const HOTLINE_WIDE_ROLES: readonly Role[] = ['dispatcher', 'reviewer', 'supervisor', 'tenant-admin'];
