import type { Cell, ReportSection } from './report-sections';

/** Excel reads a UTF-8 file as the local code page unless it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

// A text cell starting with one of these is taken by spreadsheets for a formula (CSV injection):
// a unit name "=HYPERLINK(…)" from another system must stay text.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return value.rate === null ? '' : String(value.rate);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as CSV (RFC 4180, CRLF): per section a title line (`[code] title`), a header line
 * of its columns, its rows, then an empty line. UTF-8 with a byte order mark.
 */
export function reportCsv(sections: readonly ReportSection[]): string {
  const lines: string[] = [];
  for (const s of sections) {
    lines.push(csvCell(`[${s.code}] ${s.title}`), s.columns.map(csvCell).join(','));
    for (const row of s.rows) lines.push(row.map(csvCell).join(','));
    lines.push('');
  }
  return UTF8_BOM + lines.join('\r\n');
}
