/**
 * Administrative areas by their national division codes (GB/T 2260 and the 统计用区划代码):
 * 2 digits province (32), 4 city (3201), 6 county or district (320102), 9 township or street
 * (320102001), 12 village or community (320102001001). The padded forms mean the same area:
 * `320100` is the city 3201, `320000` the province 32, `320102001000` the street 320102001.
 */
export const AREA_CODE_PATTERN = /^[0-9]{2}(?:[0-9]{2}(?:[0-9]{2}(?:[0-9]{3}(?:[0-9]{3})?)?)?)?$/;
export const AREA_CODE_RULE = 'an administrative division code of 2, 4, 6, 9 or 12 digits';

export const AREA_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

const LENGTHS = [2, 4, 6, 9, 12] as const;

export function isAreaCode(value: unknown): value is string {
  return typeof value === 'string' && AREA_CODE_PATTERN.test(value);
}

/** The shortest form of an area code (trailing all-zero levels dropped): `320100` → `3201`. */
export function canonicalArea(code: string): string {
  if (!isAreaCode(code)) return code;
  let c = code;
  for (let i = LENGTHS.indexOf(c.length as (typeof LENGTHS)[number]); i > 0; i--) {
    const parent = LENGTHS[i - 1] as number;
    if (/^0+$/.test(c.slice(parent))) c = c.slice(0, parent);
    else break;
  }
  return c;
}

export function areaLevel(code: string): AreaLevel | undefined {
  const index = LENGTHS.indexOf(canonicalArea(code).length as (typeof LENGTHS)[number]);
  return index < 0 ? undefined : AREA_LEVELS[index];
}

/**
 * The area and every area above it, nearest first, in canonical form:
 * `320102001001` → [320102001001, 320102001, 320102, 3201, 32]. A code that is not a division
 * code (a tenant's own) is its own only ancestor.
 */
export function areaAndAncestors(code: string): string[] {
  const c = canonicalArea(code);
  if (!isAreaCode(c)) return [code];
  return LENGTHS.filter((n) => n <= c.length).reverse().map((n) => c.slice(0, n));
}

/** Whether `area` lies within `region` (or is it), by the division hierarchy. */
export function isWithinArea(area: string, region: string): boolean {
  return areaAndAncestors(area).includes(canonicalArea(region));
}
