import { Label, oneOf } from './code-list';

/**
 * The level of a handling unit in the tenant's tree. 66号文 (五): 职能部门 matters must not be
 * dispatched to 基层 (street/township) units [S4]; a street unit takes only duties the catalog
 * marks territorial (属地). The coordinating levels (city office, district government) take
 * escalated and 兜底 matters (Beijing DB11 draft: unclear duty → 区人民政府 [S10]).
 */
export const UNIT_LEVELS = ['city', 'district', 'department', 'street'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
export const isUnitLevel = oneOf(UNIT_LEVELS);
export const UNIT_LEVEL_LABELS: Record<UnitLevel, Label> = {
  city: { zh: '市级统筹(市政府办公厅/热线)', en: 'City coordinating office' },
  district: { zh: '区县人民政府', en: 'District government' },
  department: { zh: '职能部门', en: 'Functional department' },
  street: { zh: '街道(乡镇)', en: 'Street / township' },
};
/** A unit registered without a level: most units of a catalog are departments. */
export const DEFAULT_UNIT_LEVEL: UnitLevel = 'department';
/** The 基层 levels that take territorial duties only. */
export const GRASSROOTS_UNIT_LEVELS: readonly UnitLevel[] = ['street'];

/** The coordinating levels a hard case is escalated to (提级统筹, 66号文 [S4]), lowest first. */
export const COORDINATING_UNIT_LEVELS: readonly UnitLevel[] = ['district', 'city'];
/** Height in the tree: an escalation goes strictly up (a street or a department → district → city). */
export const UNIT_LEVEL_HEIGHT: Readonly<Record<UnitLevel, number>> = { street: 0, department: 1, district: 2, city: 3 };

/** How a dispatch was made: by the catalog, by a dispatcher, or by escalation (提级统筹) to a coordinating unit. */
export const DISPATCH_MODES = ['catalog', 'manual', 'escalated'] as const;
export type DispatchMode = (typeof DISPATCH_MODES)[number];
export const isDispatchMode = oneOf(DISPATCH_MODES);
