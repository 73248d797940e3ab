import { areaAndAncestors, canonicalArea, isAreaCode, isWithinArea } from '@hotline/vocabulary';

/**
 * Whether a unit with these areas of jurisdiction covers `area`: one of them is the area or
 * above it in the administrative-division hierarchy (a district unit covers its streets and
 * communities; `320100` and `3201` are the same city).
 */
export function unitCoversArea(unitAreaCodes: readonly string[], area: string): boolean {
  return unitAreaCodes.some((unitArea) => isWithinArea(area, unitArea));
}

const LEVEL_LENGTHS = [2, 4, 6, 9, 12];

/**
 * Every spelling of `area` and of each area above it (`3201` is also `320100`, `320100000` …):
 * the unit area codes, as registered, that cover `area`. Lets a store find covering units with
 * one array-overlap test on an index.
 */
export function coveringAreaCodes(area: string): string[] {
  return areaAndAncestors(area).flatMap((code) =>
    isAreaCode(code) ? LEVEL_LENGTHS.filter((n) => n >= code.length).map((n) => code.padEnd(n, '0')) : [code],
  );
}

/** A unit's areas, each once: padded and short spellings are one area (the first spelling given is kept). */
export function distinctAreas(codes: readonly string[]): string[] {
  const seen = new Set<string>();
  return codes.filter((code) => {
    const key = canonicalArea(code);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
