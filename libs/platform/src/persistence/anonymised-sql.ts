/**
 * SQL fragments for retention (ADR 0033), shared by every service that anonymises its copies of
 * a request. `marker` names the query parameter that carries ANONYMISED_MARKER (e.g. `$2`).
 * Column and key names come from the caller's code, never from input.
 */

/** A text column's value anonymised: text that was there becomes the marker; null or '' stays (nothing to remove). */
export function anonymisedColumn(column: string, marker: string): string {
  return `case when ${column} is null or ${column} = '' then ${column} else ${marker} end`;
}

/** A `jsonb_build_object` argument pair: a brief's key anonymised the same way (absent or '' stays ''). */
export function anonymisedBriefKey(key: string, marker: string): string {
  return `'${key}', case when coalesce(brief ->> '${key}', '') = '' then coalesce(brief ->> '${key}', '') else ${marker} end`;
}
