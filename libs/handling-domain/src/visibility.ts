/** Who may see and act on a work order. */
import { HOTLINE_WIDE_ROLES, Role, UNIT_ROLES } from '@hotline/vocabulary';

export interface Viewer {
  roles: readonly Role[];
  unit?: string;
}

/** The roles that may read work orders: hotline staff (every unit) and unit staff (their own). */
export const WORK_ORDER_READERS: readonly Role[] = [...UNIT_ROLES, ...HOTLINE_WIDE_ROLES];

/**
 * Which unit's orders a caller may see: undefined = every unit (hotline staff, reviewers
 * included: they read what they review); otherwise the unit code from the token. Unit staff
 * without a unit claim see nothing ('' matches no order).
 */
export function visibleUnitCode(viewer: Viewer): string | undefined {
  if (viewer.roles.some((r) => HOTLINE_WIDE_ROLES.includes(r))) return undefined;
  return viewer.unit ?? '';
}

export function canSee(viewer: Viewer, orderUnitCode: string): boolean {
  const unit = visibleUnitCode(viewer);
  return unit === undefined || (unit !== '' && unit === orderUnitCode);
}

/** Only staff of the assigned unit sign for and answer its order. */
export function canActFor(viewer: Viewer, orderUnitCode: string): boolean {
  return viewer.roles.some((r) => UNIT_ROLES.includes(r)) && !!viewer.unit && viewer.unit === orderUnitCode;
}
