/** Chinese and English names of a code: for people (console, reports, docs), never stored. */
export interface Label {
  zh: string;
  en: string;
}

/** A type guard for membership in a closed list of codes. */
export function oneOf<C extends string>(codes: readonly C[]): (value: unknown) => value is C {
  const set = new Set<string>(codes);
  return (value: unknown): value is C => typeof value === 'string' && set.has(value);
}
